import Foundation

/// The kinds of document a repository course reads, by file name ending.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case markdown, restructuredText = "rst", html, text, notebook, pdf

    /// The format of a file named `path`, or nil for a file the course does not read.
    public init?(path: String) {
        let lower = path.lowercased()
        let table: [(String, DocumentFormat)] = [
            (".md", .markdown), (".markdown", .markdown), (".mdx", .markdown), (".rst", .restructuredText),
            (".html", .html), (".htm", .html), (".txt", .text), (".ipynb", .notebook), (".pdf", .pdf),
        ]
        guard let match = table.first(where: { lower.hasSuffix($0.0) }) else { return nil }
        self = match.1
    }
}

/// A document's text as Markdown, for the analyse and generate steps, and its title.
public struct DocumentText: Sendable, Codable, Equatable {
    public var markdown: String
    /// The first heading (or HTML `<title>`), if any.
    public var title: String?
    public var words: Int

    public init(markdown: String, title: String?) {
        self.markdown = markdown
        self.title = title
        words = markdown.split(whereSeparator: { $0.isWhitespace }).count
    }

    /// Converts a document's bytes. PDF is not handled here: its text comes from
    /// `pdftotext` (see the pipeline), then goes through `.text`.
    public static func convert(_ bytes: Data, format: DocumentFormat) throws -> DocumentText {
        let text = String(decoding: bytes, as: UTF8.self)
        switch format {
        case .markdown:
            let markdown = DocumentText.strippingFrontMatter(text)
            return DocumentText(markdown: markdown, title: firstHeading(markdown))
        case .restructuredText:
            let markdown = RestructuredText.markdown(text)
            return DocumentText(markdown: markdown, title: firstHeading(markdown))
        case .html:
            let (markdown, title) = HTMLText.markdown(bytes)
            return DocumentText(markdown: markdown, title: title ?? firstHeading(markdown))
        case .text, .pdf:
            return DocumentText(markdown: text, title: text.split(separator: "\n").first.map {
                $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 })
        case .notebook:
            let markdown = try Notebook.markdown(bytes)
            return DocumentText(markdown: markdown, title: firstHeading(markdown))
        }
    }

    /// The text of the first ATX heading.
    static func firstHeading(_ markdown: String) -> String? {
        for line in markdown.split(separator: "\n") where line.hasPrefix("#") {
            let title = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            if !title.isEmpty { return title }
        }
        return nil
    }

    /// A Markdown file without its YAML front matter.
    static func strippingFrontMatter(_ text: String) -> String {
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 4)..<text.endIndex)
        else { return text }
        return String(text[end.upperBound...])
    }
}

/// Jupyter notebooks: Markdown cells as they are, code cells as fenced code.
enum Notebook {
    static func markdown(_ bytes: Data) throws -> String {
        guard let top = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
              let cells = top["cells"] as? [[String: Any]] else {
            throw DocumentError("not a Jupyter notebook: no 'cells' list in its JSON")
        }
        let metadata = top["metadata"] as? [String: Any]
        let language = ((metadata?["kernelspec"] as? [String: Any])?["language"] as? String)
            ?? ((metadata?["language_info"] as? [String: Any])?["name"] as? String) ?? ""
        return cells.compactMap { cell -> String? in
            let source: String
            if let lines = cell["source"] as? [String] { source = lines.joined() } else { source = cell["source"] as? String ?? "" }
            guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            switch cell["cell_type"] as? String {
            case "markdown": return source
            case "code": return "```\(language)\n\(source)\n```"
            default: return nil
            }
        }.joined(separator: "\n\n")
    }
}

/// reStructuredText, as far as reading needs: underlined titles become Markdown headings
/// (the first underline style seen is level 1, and so on); the rest stays as written.
enum RestructuredText {
    static func markdown(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var styles: [Character] = []
        var out: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if i + 1 < lines.count, isUnderline(lines[i + 1]), !line.trimmingCharacters(in: .whitespaces).isEmpty,
               lines[i + 1].count >= line.trimmingCharacters(in: .whitespaces).count, !isUnderline(line) {
                let mark = lines[i + 1].first!
                if !styles.contains(mark) { styles.append(mark) }
                out.append(String(repeating: "#", count: min(6, styles.firstIndex(of: mark)! + 1)) + " "
                           + line.trimmingCharacters(in: .whitespaces))
                i += 2
                continue
            }
            if isUnderline(line), i + 2 < lines.count, isUnderline(lines[i + 2]) {  // overlined title
                let mark = line.first!
                if !styles.contains(mark) { styles.append(mark) }
                out.append(String(repeating: "#", count: min(6, styles.firstIndex(of: mark)! + 1)) + " "
                           + lines[i + 1].trimmingCharacters(in: .whitespaces))
                i += 3
                continue
            }
            out.append(line)
            i += 1
        }
        return out.joined(separator: "\n")
    }

    private static func isUnderline(_ line: String) -> Bool {
        guard let first = line.first, line.count >= 3, "=-~^\"'`#*+_.:".contains(first) else { return false }
        return line.allSatisfy { $0 == first }
    }
}

/// A document that could not be read, with why.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
