import LLM

/// Where a question or a flashcard comes from: a document, a section of it, and the exact
/// text (whitespace collapsed to single spaces).
struct Quote: Equatable {
    var path: String
    var anchor: String
    var text: String

    var json: JSONValue { ["path": .string(path), "anchor": .string(anchor), "text": .string(text)] }
}

/// One block of a section's Markdown, as the offline methods read it.
enum SourceBlock: Equatable {
    case paragraph(String)
    case code(language: String, code: String)
    case orderedList([String])
    case bulletList([String])
    case other
}

/// A section of a source document with its blocks: what the offline writer curates.
struct SourceSection {
    var document: Int
    var path: String
    var anchor: String
    var heading: String
    var level: Int
    var markdown: String
    var blocks: [SourceBlock]

    init(document: Int, path: String, anchor: String, heading: String, level: Int, markdown: String) {
        self.document = document
        self.path = path
        self.anchor = anchor
        self.heading = heading
        self.level = level
        self.markdown = markdown
        blocks = SourceSection.blocks(markdown)
    }

    /// Sentences of the section's paragraphs that can be quoted as they stand: no links,
    /// emphasis or HTML, between 6 and 45 words.
    var sentences: [Quote] {
        blocks.flatMap { block -> [Quote] in
            guard case .paragraph(let text) = block else { return [] }
            return Text.sentences(of: text).filter(SourceSection.quotable).map { Quote(path: path, anchor: anchor, text: $0) }
        }
    }

    static func quotable(_ sentence: String) -> Bool {
        let words = sentence.split(separator: " ").count
        return words >= 6 && words <= 45 && !sentence.contains("](") && !sentence.contains("**") && !sentence.contains("<")
            && !sentence.contains("|") && !sentence.contains("[") && !sentence.hasPrefix(">")
            && sentence.filter({ $0 == "`" }).count % 2 == 0
    }

    /// Paragraphs, fenced code, lists; headings and the rest as `.other`.
    static func blocks(_ markdown: String) -> [SourceBlock] {
        var blocks: [SourceBlock] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var fence: (marker: String, language: String, lines: [String])?
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(collapse(paragraph.joined(separator: " ")))) }
            paragraph = []
            if let current = list { blocks.append(current.ordered ? .orderedList(current.items) : .bulletList(current.items)) }
            list = nil
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if line.hasPrefix(open.marker), line.allSatisfy({ $0 == open.marker.first }) {
                    blocks.append(.code(language: open.language, code: open.lines.joined(separator: "\n")))
                    fence = nil
                } else {
                    fence?.lines.append(String(raw))
                }
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                let marker = String(line.prefix { $0 == line.first })
                fence = (marker, String(line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? ""), [])
                continue
            }
            if line.isEmpty { flush(); continue }
            if let item = listItem(line), raw.first != " " || list != nil {
                if list == nil || list!.ordered != item.ordered { flush(); list = (item.ordered, []) }
                list!.items.append(collapse(item.text))
                continue
            }
            if list != nil, raw.first == " " {  // a continuation of the last item
                list!.items[list!.items.count - 1] += " " + line
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("|") || line.hasPrefix(">") || line.hasPrefix("<") || line.hasPrefix("![") {
                flush()
                blocks.append(.other)
                continue
            }
            if list != nil { flush() }
            paragraph.append(line)
        }
        flush()
        return blocks
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return (true, String(rest.dropFirst(2)))
    }
}

/// Runs of whitespace as one space, ends trimmed: how quotes are compared with sources.
func collapse(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
