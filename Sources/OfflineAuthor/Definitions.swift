import Foundation
import LLM

/// A term the sources define, with the sentence that defines it.
struct Definition: Equatable {
    var term: String
    var definition: String
    var quote: Quote
}

/// Key terms only from real definitions: a bold term defined in its own sentence
/// (`**Stomata** are the pores …`), a glossary-style list item (`- **term**: definition`),
/// "X is a Y that …" where X is a noun phrase (not "this", "it" or "once this"), and a
/// DocC symbol page's title with its one-line abstract.
enum Definitions {
    static func find(in sections: [SourceSection], symbolPages: [(term: String, abstract: String, quote: Quote)]) -> [Definition] {
        var found: [Definition] = symbolPages.map { Definition(term: $0.term, definition: $0.abstract, quote: $0.quote) }
        for section in sections {
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    for sentence in Text.sentences(of: text) {
                        if let definition = bold(sentence, section) ?? copula(sentence, section) { found.append(definition) }
                    }
                case .bulletList(let items):
                    for item in items { if let definition = glossary(item, section) { found.append(definition) } }
                default: continue
                }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0.term.lowercased()).inserted }
    }

    /// `**Term** is/are/means …` or `**Term**: …` at the start of a sentence.
    /// `**Term** is …` defines; `**Term**: …` defines only when what follows is a noun
    /// phrase ("A store that …"), not a task ("Creating components …") or advice.
    private static func bold(_ sentence: String, _ section: SourceSection) -> Definition? {
        match(boldPattern, sentence).flatMap { groups in
            groups[2].isEmpty && !startsWithArticle(groups[3]) ? nil
                : definition(term: groups[1], rest: groups[3], sentence: sentence, section: section)
        }
    }

    private static func glossary(_ item: String, _ section: SourceSection) -> Definition? {
        match(glossaryPattern, item).flatMap { groups in
            startsWithArticle(groups[2]) ? definition(term: groups[1], rest: groups[2], sentence: item, section: section) : nil
        }
    }

    static func startsWithArticle(_ text: String) -> Bool {
        let first = text.split(separator: " ").first?.lowercased() ?? ""
        return ["a", "an", "the", "one", "any", "each"].contains(first)
    }

    /// `A Subject Noun is a …` / `` `Name` is the … ``: a noun phrase of up to four words,
    /// capitalised or code, then a copula and an article.
    private static func copula(_ sentence: String, _ section: SourceSection) -> Definition? {
        guard let groups = match(copulaPattern, sentence) else { return nil }
        let subject = groups[1].trimmingCharacters(in: .whitespaces)
        let words = subject.split(separator: " ").map { $0.lowercased() }.drop { ["the", "a", "an"].contains($0) }
        guard let first = words.first, !notNouns.contains(first), !words.contains(where: { verbs.contains($0) }),
              words.count <= 4 else { return nil }
        return definition(term: subject.replacingOccurrences(of: "`", with: ""), rest: groups[2], sentence: sentence, section: section)
    }

    private static func definition(term: String, rest: String, sentence: String, section: SourceSection) -> Definition? {
        var term = term.trimmingCharacters(in: CharacterSet(charactersIn: " *`:"))
        for article in ["The ", "A ", "An "] where term.hasPrefix(article) { term = String(term.dropFirst(article.count)) }
        let words = term.split(separator: " ")
        guard let first = words.first, !notNouns.contains(first.lowercased()), words.count <= 5,
              !term.hasSuffix("."), !term.hasSuffix(","), !notTerms.contains(term.lowercased()) else { return nil }
        let rest = rest.replacingOccurrences(of: #"(^|\W)[_*]+([^_*]+)[_*]+(?=\W|$)"#, with: "$1$2", options: .regularExpression)
            .trimmingCharacters(in: .whitespaces)
        guard !rest.hasSuffix(":"), term.count >= 2, term.count <= 60, rest.split(separator: " ").count >= 4, SourceSection.quotable(sentence)
                || sentence.contains("**") else { return nil }
        let shown = rest.prefix(1).uppercased() + rest.dropFirst()
        return Definition(term: term, definition: shown, quote: Quote(path: section.path, anchor: section.anchor, text: collapse(sentence)))
    }

    private static func match(_ pattern: NSRegularExpression, _ text: String) -> [String]? {
        guard let m = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
    }

    /// First words that never start a noun phrase a definition is about.
    static let notNouns: Set<String> = [
        "this", "that", "these", "those", "it", "its", "there", "here", "once", "when", "if", "then", "now", "so", "also",
        "each", "every", "all", "some", "any", "one", "another", "most", "many", "such", "what", "which", "who", "how",
        "why", "we", "you", "they", "he", "she", "i", "our", "your", "their", "my", "because", "since", "while", "but",
        "and", "or", "note", "for", "in", "on", "at", "by", "with", "after", "before", "both", "neither", "either", "only",
        "done", "next", "finally", "first", "second", "default", "example", "result", "following", "above", "below",
    ]
    /// Bold lead-ins that head a paragraph rather than name a thing: not terms to learn.
    static let notTerms: Set<String> = [
        "usage", "performance", "content", "overview", "example", "examples", "note", "notes", "important", "warning",
        "tip", "summary", "background", "motivation", "discussion", "details", "result", "results", "solution",
        "problem", "goal", "goals", "status", "alternatives", "alternatives considered", "see also", "caution",
        "recommended", "avoid", "good", "bad", "why", "how", "what", "when", "before", "after", "option", "options",
    ]
    static let verbs: Set<String> = ["is", "are", "was", "were", "be", "can", "will", "should", "must", "may", "does", "do", "has", "have"]

    private static let boldPattern =
        try! NSRegularExpression(pattern: #"^\*\*([^*]{2,60})\*\*:?\s+(is |are |means |refers to )?(?:[—–-]\s*)?(.+)$"#)
    private static let glossaryPattern =
        try! NSRegularExpression(pattern: #"^\*\*([^*]{2,60})\*\*\s*[:—–-]\s+(.+)$"#)
    private static let copulaPattern =
        try! NSRegularExpression(pattern: #"^((?:The |An? )?(?:`[^`]+`|[A-Z][\w-]*)(?: [\w`-]+){0,3}?) (?:is|are|means(?: that)?) ((?:a|an|the) .+)$"#)
}
