import Foundation
import LLM
import Markup

/// Writes a module (the `generate-module` schema) by curating its sources, not rewriting
/// them: its sections are the documents' own sections in the pathway's order, with their
/// code, lists, tables, notes and images, attributed; the introduction is the first
/// document's own opening; key terms come only from real definitions; every question
/// records the quote it was made from. An outline module with no source text says so.
/// No worked example is made up: a procedure the sources have is already in its section
/// (and asked about as "order the steps"); showing it twice is repetition.
struct ModuleWriter {
    let request: ModuleRequest
    let sections: [SourceSection]
    /// Sections written as the module's own: a top-level source section with its subsections.
    let written: [(heading: String, body: String, document: Int)]

    /// Most sections a module has (the schema's limit). A document with more top-level
    /// sections than this is cut short: the planner should have split it (not yet done).
    static let maxSections = 30

    init(_ request: ModuleRequest) {
        self.request = request
        var sections: [SourceSection] = []
        var written: [(String, String, Int)] = []
        if !request.source.isEmpty {
            // Notes with lecture headings are read section by section, as documents are.
            let cut = SectionedDocument(request.source)
            let parts = cut.sections.isEmpty ? [DocumentSection(heading: request.title, level: 2, anchor: "notes", markdown: request.source)]
                : cut.sections
            sections += parts.map {
                SourceSection(document: 0, path: "notes", anchor: $0.anchor, heading: $0.heading, level: $0.level, markdown: $0.markdown)
            }
        }
        let introducer = ModuleWriter.openingParagraph(request.documents)?.0.number
        for document in request.documents {
            let parts = document.sections.map {
                SourceSection(document: document.number, path: document.path, anchor: $0.anchor, heading: $0.heading,
                              level: $0.level, markdown: SourceLinks.anchored($0.markdown, from: document.path))
            }
            sections += parts
            written += ModuleWriter.curate(document, parts, introduced: document.number == introducer,
                                           alone: request.documents.count == 1)
        }
        self.sections = sections
        self.written = Array(written.prefix(ModuleWriter.maxSections))
    }

    func module() -> JSONValue {
        let definitions = Definitions.find(in: sections, symbolPages: symbolPages())
        let questions = QuestionWriter(sections: sections, terms: definitions.map(\.term)).questions()
        return [
            "title": .string(request.title),
            "introduction": .string(introduction()),
            "sections": .array(sectionValues()),
            "key_terms": .array(definitions.prefix(8).map { ["term": .string($0.term), "definition": .string($0.definition)] }),
            "flashcards": .array(definitions.prefix(8).map {
                ["front": .string($0.term), "back": .string($0.definition), "quote": $0.quote.json]
            }),
            "questions": .array(questions.isEmpty ? [fallbackQuestion()] : questions),
            "summary": .string(summary()),
            "reading_grade": .number(Text.gradeLevel(sections.flatMap(\.sentences).map(\.text))),
        ]
    }

    /// A document as the module's sections. Alone in its module, its opening (unless it
    /// introduces the module) and its top-level sections, each with the subsections under
    /// it as `###` headings; beside others, one section titled as the document, holding
    /// its opening and all its sections, one level down.
    static func curate(_ document: ModuleRequest.Document, _ parts: [SourceSection], introduced: Bool, alone: Bool)
        -> [(heading: String, body: String, document: Int)] {
        var result: [(String, String, Int)] = []
        let whole = SourceLinks.anchored(document.opening, from: document.path)
        var opening = introduced ? remainderAfterIntroduction(whole) : whole
        // What is left of an opening may be only a rule (`---`) or an empty badge line.
        if MarkdownDocument(opening).proseText().split(whereSeparator: \.isWhitespace).isEmpty,
           !opening.contains("```"), !opening.contains("~~~"), !opening.contains("![") { opening = "" }
        // A DocC page's Topics and See Also are its navigation, which the pathway replaces.
        let navigation: Set<String> = ["topics", "see also"]
        let parts = document.path.contains(".docc/") ? parts.filter { !navigation.contains($0.heading.lowercased()) } : parts
        let top = parts.map(\.level).min() ?? 2
        if !alone {
            var body = opening
            for part in parts {
                // "Overview" under the document's own title says nothing: its text follows on.
                if part.heading.lowercased() == "overview" { body += "\n\n" + part.markdown; continue }
                let marks = String(repeating: "#", count: min(6, 3 + part.level - top))
                body += "\n\n\(marks) \(part.heading)\n\n\(part.markdown)"
            }
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? [] : [(document.title, trimmed, document.number)]
        }
        if !opening.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            result.append((document.title, opening, document.number))
        }
        for part in parts {
            if part.level == top || result.isEmpty {
                result.append((part.heading, part.markdown, document.number))
            } else {
                let marks = String(repeating: "#", count: min(6, 3 + part.level - top - 1))
                let last = result.count - 1
                result[last].1 += "\n\n\(marks) \(part.heading)\n\n\(part.markdown)"
            }
        }
        return result.filter { !$0.1.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The opening without its first paragraph, which is the module's introduction.
    static func remainderAfterIntroduction(_ opening: String) -> String {
        let paragraphs = opening.components(separatedBy: "\n\n")
        guard let first = paragraphs.firstIndex(where: isProse) else { return opening }
        return paragraphs.enumerated().filter { $0.offset != first }.map(\.element).joined(separator: "\n\n")
    }

    static func isProse(_ paragraph: String) -> Bool {
        let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.first, !"#|<>!`~-*".contains(first), !trimmed.hasPrefix("[!") else { return false }
        return trimmed.split(separator: " ").count >= 6
    }

    private func sectionValues() -> [JSONValue] {
        if request.documents.isEmpty {
            return OutlineNotes(lectures: request.lectures, title: request.title, notes: request.source).sections()
                .map { ["heading": .string($0.heading), "body": .string($0.body)] }
        }
        return written.map { section in
            var value: [String: JSONValue] = ["heading": .string(section.heading), "body": .string(section.body)]
            if section.document > 0 { value["sources"] = [.number(Double(section.document))] }
            return .object(value)
        }
    }

    /// The first document's own opening paragraph; for notes, their first paragraph.
    private func introduction() -> String { introductionSource().text }

    /// The introduction and the source it comes from (`notes` for an outline module): the
    /// first document opening that has a paragraph of prose; else the notes or summary.
    private func introductionSource() -> (text: String, path: String) {
        if let (document, paragraph) = ModuleWriter.openingParagraph(request.documents) {
            return (SourceLinks.anchored(paragraph, from: document.path), document.path)
        }
        // An outline module's notes are all shown under its lectures: its introduction is its
        // summary, or what the lectures are, never a paragraph of the notes shown twice.
        if !request.summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return (request.summary.trimmingCharacters(in: .whitespacesAndNewlines), "notes")
        }
        if request.documents.isEmpty, !request.lectures.isEmpty {
            return ("This module works through \(prose(request.lectures.map(\.lowercasedFirst))).", "notes")
        }
        let titles = request.documents.map { "\u{201C}\($0.title)\u{201D}" }
        return (titles.isEmpty ? (request.summary.isEmpty ? "This module is \u{201C}\(request.title)\u{201D}." : request.summary)
                : "This module reads \(prose(titles)).", "notes")
    }

    /// The first document whose opening has a paragraph of prose, and that paragraph.
    static func openingParagraph(_ documents: [ModuleRequest.Document]) -> (ModuleRequest.Document, String)? {
        for document in documents {
            if let paragraph = document.opening.components(separatedBy: "\n\n").first(where: isProse) {
                return (document, paragraph.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return nil
    }

    /// What the module went through, by its sections' headings and its documents.
    private func summary() -> String {
        let headings = written.map(\.heading)
        let titles = request.documents.map { "\u{201C}\($0.title)\u{201D}" }
        var parts: [String] = []
        if !headings.isEmpty { parts.append("This module went through \(prose(Array(headings.prefix(8))))\(headings.count > 8 ? ", and more" : "").") }
        if !titles.isEmpty { parts.append("It is drawn from \(prose(titles)).") }
        return parts.isEmpty ? (request.summary.isEmpty ? request.title : request.summary) : parts.joined(separator: " ")
    }

    /// DocC symbol pages: the symbol's name and its abstract (the opening's first paragraph).
    private func symbolPages() -> [(term: String, abstract: String, quote: Quote)] {
        request.documents.compactMap { document in
            guard document.path.contains(".docc/"), document.title.first != nil,
                  let abstract = document.opening.components(separatedBy: "\n\n").first(where: ModuleWriter.isProse),
                  !document.title.contains(" "), !abstract.hasSuffix(":") else { return nil }
            return (document.title, collapse(abstract), Quote(path: document.path, anchor: "", text: collapse(abstract)))
        }
    }

    /// A short answer on the first sentence the sources let us quote; without sources, on
    /// the introduction (nothing to check it against, so nothing is claimed of a source).
    private func fallbackQuestion() -> JSONValue {
        if let section = sections.first(where: { !$0.sentences.isEmpty }), let quote = section.sentences.first {
            return ["kind": "short_answer", "prompt": .string("What does the source say about \u{201C}\(section.heading)\u{201D}?"),
                    "answer": .string(quote.text), "explanation": .string("The source says so in these words."),
                    "quote": quote.json]
        }
        let (text, path) = introductionSource()
        return ["kind": "short_answer", "prompt": .string("What is \u{201C}\(request.title)\u{201D} about?"),
                "answer": .string(collapse(text)), "explanation": .string("The module's opening says so."),
                "quote": Quote(path: path, anchor: "", text: collapse(text)).json]
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first, first.isUppercase, !(dropFirst().first?.isUppercase ?? false) else { return self }
        return first.lowercased() + dropFirst()
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
