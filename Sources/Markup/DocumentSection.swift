import CCmarkGFM
import Foundation

/// One section of a document: its heading, and the Markdown under it up to the next
/// heading (any level), as the author wrote it after cleaning.
public struct DocumentSection: Sendable, Codable, Equatable {
    public var heading: String
    /// 1 to 6, as the source wrote it.
    public var level: Int
    /// Unique within the document: the heading's slug, `-2` and on for repeats.
    public var anchor: String
    public var markdown: String

    public init(heading: String, level: Int, anchor: String, markdown: String) {
        self.heading = heading
        self.level = level
        self.anchor = anchor
        self.markdown = markdown
    }
}

/// A document cut at its headings: the title (the first heading, when nothing but an
/// opening comes before it and it is the highest level), the opening before the first
/// section, and the sections. Reads cmark's tree, so a `#` inside a code block or a
/// setext underline is read as cmark reads it.
public struct SectionedDocument: Sendable, Equatable {
    public var title: String?
    public var opening: String
    public var sections: [DocumentSection]

    public init(_ markdown: String) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = MarkdownDocument(markdown, rewritingLinks: false).topLevelHeadings()
        var title: String?
        var rest = headings[...]
        if let first = headings.first, first.level == headings.map(\.level).min() {
            // A title is the first heading if no other heading shares its level.
            if headings.filter({ $0.level == first.level }).count == 1 || first.level == 1 {
                title = first.text
                rest = headings.dropFirst()
            }
        }
        func slice(_ from: Int, _ to: Int) -> String {
            guard from < to, from < lines.count else { return "" }
            return lines[from..<min(to, lines.count)].joined(separator: "\n").trimmingCharacters(in: .newlines)
        }
        let firstSection = rest.first.map { $0.startLine - 1 } ?? lines.count
        if title != nil {
            opening = [slice(0, headings[0].startLine - 1), slice(headings[0].endLine, firstSection)]
                .filter { !$0.isEmpty }.joined(separator: "\n\n")
        } else {
            opening = slice(0, firstSection)
        }
        var taken: [String: Int] = [:]
        let restArray = Array(rest)
        sections = restArray.enumerated().map { n, heading in
            let end = n + 1 < restArray.count ? restArray[n + 1].startLine - 1 : lines.count
            let base = Slug.make(heading.text)
            let count = taken[base, default: 0]
            taken[base] = count + 1
            return DocumentSection(heading: heading.text, level: heading.level,
                                   anchor: count == 0 ? base : "\(base)-\(count + 1)",
                                   markdown: slice(heading.endLine, end))
        }
        self.title = title
    }
}

/// Anchors from headings: lower case, letters and digits, words joined by `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber { slug.append(c) } else if !slug.isEmpty, slug.last != "-" { slug.append("-") }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }
}

extension MarkdownDocument {
    struct Heading {
        var text: String
        var level: Int
        /// 1-based lines, as cmark counts them; a setext heading ends on its underline.
        var startLine: Int
        var endLine: Int
    }

    /// The headings that are children of the document (not inside lists or quotes).
    func topLevelHeadings() -> [Heading] {
        var found: [Heading] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                let text = MarkdownDocument.plainText(of: current).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty {
                    found.append(Heading(text: text, level: Int(cmark_node_get_heading_level(current)),
                                         startLine: Int(cmark_node_get_start_line(current)),
                                         endLine: Int(cmark_node_get_end_line(current))))
                }
            }
            node = cmark_node_next(current)
        }
        return found
    }

    /// Every code block in the document, with the language its fence names ("" if none).
    public func codeBlocks() -> [(language: String, code: String)] {
        var blocks: [(String, String)] = []
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { continue }
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            blocks.append((String(info.split(separator: " ").first ?? ""), code))
        }
        return blocks
    }
}

extension MarkdownDocument {
    /// The text a reader sees outside code: text nodes only (code spans and blocks, raw
    /// HTML and link targets left out), blocks on lines of their own.
    public func proseText() -> String {
        var text = ""
        guard let iterator = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM { text += "\n" }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT:
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            case CMARK_NODE_CODE:
                text += "\u{2026}"  // a code span: a word of the sentence, not prose
            default: break
            }
        }
        return text
    }
}
