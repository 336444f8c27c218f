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

/// A document's text as cleaned Markdown (see `MarkdownCleaner`), its title, and the
/// same text cut into its opening and sections, for the analyse, plan and generate steps.
public struct DocumentText: Sendable, Codable, Equatable {
    public var markdown: String
    /// The title: front matter's `title`, the first heading (or HTML `<title>`), if any.
    public var title: String?
    public var words: Int
    /// The text before the first section (after the title).
    public var opening: String
    public var sections: [DocumentSection]

    public init(markdown: String, title: String?) {
        let cut = SectionedDocument(markdown)
        self.markdown = markdown
        self.title = title ?? cut.title
        words = markdown.split(whereSeparator: { $0.isWhitespace }).count
        opening = cut.opening
        sections = cut.sections
    }

    /// Converts a document's bytes. PDF is not handled here: its text comes from
    /// `pdftotext` (see the pipeline), then goes through `.text`.
    public static func convert(_ bytes: Data, format: DocumentFormat) throws -> DocumentText {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        switch format {
        case .markdown:
            let (frontMatter, body) = DocumentText.splittingFrontMatter(text)
            return DocumentText(markdown: MarkdownCleaner.clean(body), title: frontMatter["title"])
        case .restructuredText:
            return DocumentText(markdown: MarkdownCleaner.clean(RestructuredText.markdown(text)), title: nil)
        case .html:
            let (markdown, title) = HTMLText.markdown(bytes)
            return DocumentText(markdown: markdown, title: title)
        case .text, .pdf:
            let title = text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
            return DocumentText(markdown: text, title: title.flatMap { $0.isEmpty ? nil : $0 })
        case .notebook:
            return DocumentText(markdown: MarkdownCleaner.clean(try Notebook.markdown(bytes)), title: nil)
        }
    }

    /// A Markdown file's YAML front matter (its top-level `key: value` lines) and the rest.
    static func splittingFrontMatter(_ text: String) -> ([String: String], String) {
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
        else { return ([:], text) }
        var fields: [String: String] = [:]
        // `---\n---\n` is empty front matter: its closing line starts where the fields would.
        let start = text.index(text.startIndex, offsetBy: 4)
        for line in text[start..<max(start, end.lowerBound)].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            if !value.isEmpty { fields[String(line[..<colon])] = value }
        }
        return (fields, String(text[end.upperBound...]))
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
            case "code":
                let code = "```\(language)\n\(source)\n```"
                guard let output = Notebook.textOutput(cell) else { return code }
                return code + "\n\nOutput:\n\n```text\n\(output)\n```"
            default: return nil
            }
        }.joined(separator: "\n\n")
    }

    /// A code cell's text output: what it printed and the value it showed as text (images
    /// and HTML left out), or nil.
    static func textOutput(_ cell: [String: Any]) -> String? {
        func text(_ value: Any?) -> String? {
            if let lines = value as? [String] { return lines.joined() }
            return value as? String
        }
        let parts = (cell["outputs"] as? [[String: Any]] ?? []).compactMap { output -> String? in
            switch output["output_type"] as? String {
            case "stream": return text(output["text"])
            case "execute_result", "display_data": return text((output["data"] as? [String: Any])?["text/plain"])
            default: return nil
            }
        }
        let joined = parts.joined().trimmingCharacters(in: .newlines)
        return joined.isEmpty ? nil : joined
    }
}

/// A document that could not be read, with why.
public struct DocumentError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
