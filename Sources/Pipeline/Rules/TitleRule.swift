import Engine
import Foundation
import Markup

/// `title:<file>` is a chapter's title: its first heading, else its file name.
struct TitleRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: TitleKey, in context: RuleContext) async throws -> String {
        let text = try await context.readText(environment.projectPath(key.file))
        return MarkdownDocument(text).title ?? TitleRule.fallback(for: key.file)
    }

    /// `content/x/02-first-steps.md` → `First steps`.
    static func fallback(for file: String) -> String {
        let stem = slug(of: file)
        let words = stem.drop { $0.isNumber || $0 == "-" || $0 == "_" }.split(whereSeparator: { $0 == "-" || $0 == "_" })
        let text = words.joined(separator: " ")
        return text.isEmpty ? stem : text.prefix(1).uppercased() + text.dropFirst()
    }

    /// A chapter file's page name: its file name without folder or `.md`.
    static func slug(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}
