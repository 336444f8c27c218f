import Foundation
import Markup

/// Relative links and images in a document's Markdown, made `source:<path from the
/// repository root>` so that the page they end up on can resolve them: to the page that
/// holds the target, to the repository, or to a copied image.
public enum SourceLinks {
    public static func anchored(_ markdown: String, from path: String) -> String {
        guard markdown.contains("](") else { return markdown }
        var inCode = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inCode.toggle(); return String(line) }
            guard !inCode, line.contains("](") else { return String(line) }
            // Code spans (`[next](02-next.md)` shown as an example) are left as written.
            let parts = line.split(separator: "`", omittingEmptySubsequences: false)
            return parts.enumerated().map { n, part in
                n % 2 == 1 && n < parts.count - 1 ? String(part) : anchoredLinks(in: String(part), from: path)
            }.joined(separator: "`")
        }.joined(separator: "\n")
    }

    private static func anchoredLinks(in text: String, from path: String) -> String {
        pattern.replacingMatches(in: text) { groups in
            let target = groups[3]
            if target.contains(":") || target.hasPrefix("#") || target.hasPrefix("/") || target.isEmpty { return groups[0] }
            return "\(groups[1])[\(groups[2])](source:\(SourcePath.resolve(target, from: path)))"
        }
    }

    private static let pattern = try! NSRegularExpression(pattern: #"(!?)\[([^\]]*)\]\(([^)\s]+)\)"#)
}
