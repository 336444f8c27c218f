import Foundation
import LLM

/// Questions that can be checked, each with the quote it was made from:
/// - cloze and multiple choice: a code span, a defined term or a number blanked out of a
///   sentence; distractors of the answer's kind from the same module, never the answer;
/// - which code does this: a code block and the sentence that introduces it;
/// - order the steps: a numbered procedure, shuffled;
/// - short answer: a section's heading asked about, its opening sentences as the model answer.
struct QuestionWriter {
    let sections: [SourceSection]
    let terms: [String]

    /// What can be blanked, and what kind of thing it is.
    enum AnswerKind { case code, term, number }

    func questions(limit: Int = 8) -> [JSONValue] {
        var result: [JSONValue] = []
        let quotes = sections.flatMap(\.sentences)
        let codeSpans = unique(quotes.flatMap { QuestionWriter.codeSpans($0.text) })
        let numbers = unique(quotes.flatMap { QuestionWriter.numbers($0.text) })
        var asked = Set<String>()
        var blanks = 0
        for quote in spread(quotes) where blanks < 4 {
            guard let (answer, kind) = candidate(in: quote.text, asked: asked) else { continue }
            asked.insert(answer.lowercased())
            let pool: [String] = switch kind { case .code: codeSpans; case .term: terms; case .number: numbers }
            let distractors = pool.filter { $0.lowercased() != answer.lowercased() && !quote.text.contains($0) }
            let blanked = QuestionWriter.blank(answer, in: quote.text, code: kind == .code)
            let source = "The source says, under \u{201C}\(heading(of: quote))\u{201D}: \u{201C}\(quote.text)\u{201D}"
            if blanks % 2 == 1, distractors.count >= 2 {
                let picked = Array(distractors.sorted { stableOrder($0, quote.text) < stableOrder($1, quote.text) }.prefix(3))
                let choices = ([answer] + picked).sorted { stableOrder($0, answer) < stableOrder($1, answer) }
                result.append(["kind": "multiple_choice", "prompt": .string("Which completes the sentence? \(blanked)"),
                               "choices": .array(choices.map(JSONValue.string)), "answer": .string(answer),
                               "explanation": .string(source), "quote": quote.json])
            } else {
                result.append(["kind": "cloze", "prompt": .string("Fill in the blank: \(blanked)"), "answer": .string(answer),
                               "explanation": .string(source), "quote": quote.json])
            }
            blanks += 1
        }
        if let code = whichCode() { result.append(code) }
        if let steps = orderSteps() { result.append(steps) }
        result += shortAnswers(max: max(1, limit - result.count))
        return Array(result.prefix(limit))
    }

    /// Quotes taken from every section in turn, so the questions cover the module.
    private func spread(_ quotes: [Quote]) -> [Quote] {
        var bySection: [[Quote]] = []
        for quote in quotes {
            if let last = bySection.last?.last, last.path == quote.path, last.anchor == quote.anchor {
                bySection[bySection.count - 1].append(quote)
            } else {
                bySection.append([quote])
            }
        }
        var result: [Quote] = []
        var round = 0
        while result.count < quotes.count {
            for group in bySection where round < group.count { result.append(group[round]) }
            round += 1
        }
        return result
    }

    private func candidate(in sentence: String, asked: Set<String>) -> (String, AnswerKind)? {
        if let code = QuestionWriter.codeSpans(sentence).first(where: { !asked.contains($0.lowercased()) && $0.count >= 2 }) {
            return (code, .code)
        }
        if let term = terms.first(where: { !asked.contains($0.lowercased()) && sentence.contains($0) }) {
            return (term, .term)
        }
        return nil
    }

    private func heading(of quote: Quote) -> String {
        sections.first { $0.path == quote.path && $0.anchor == quote.anchor }?.heading ?? quote.path
    }

    /// A short code block right after a paragraph that ends with a colon.
    private func whichCode() -> JSONValue? {
        var blocks: [(intro: String, language: String, code: String, section: SourceSection)] = []
        for section in sections {
            for (previous, block) in zip(section.blocks, section.blocks.dropFirst()) {
                guard case .paragraph(let intro) = previous, case .code(let language, let code) = block,
                      intro.hasSuffix(":"), code.split(separator: "\n").count <= 8, !code.isEmpty else { continue }
                let sentence = Text.sentences(of: intro).last ?? intro
                blocks.append((sentence, language, code, section))
            }
        }
        guard let chosen = blocks.first(where: { b in blocks.filter { $0.code != b.code }.count >= 2 }) else { return nil }
        let others = blocks.filter { $0.code != chosen.code }.map(\.code)
        let choices = ([chosen.code] + unique(others).prefix(2)).sorted { stableOrder($0, chosen.intro) < stableOrder($1, chosen.intro) }
        let ask = String(chosen.intro.dropLast()).trimmingCharacters(in: .whitespaces)
        return ["kind": "which_code", "prompt": .string("Which code does this? \(ask)."),
                "choices": .array(choices.map(JSONValue.string)), "answer": .string(chosen.code),
                "explanation": .string("Under \u{201C}\(chosen.section.heading)\u{201D} the source introduces this code with: \u{201C}\(chosen.intro)\u{201D}"),
                "quote": Quote(path: chosen.section.path, anchor: chosen.section.anchor, text: collapse(chosen.intro)).json]
    }

    /// A numbered procedure of three to seven steps, shuffled.
    private func orderSteps() -> JSONValue? {
        for section in sections {
            for block in section.blocks {
                guard case .orderedList(let items) = block, (3...7).contains(items.count),
                      items.allSatisfy({ $0.split(separator: " ").count <= 30 }) else { continue }
                let shuffled = items.sorted { stableOrder($0, section.anchor) < stableOrder($1, section.anchor) }
                guard shuffled != items else { continue }
                return ["kind": "order_steps", "prompt": .string("Put these steps from \u{201C}\(section.heading)\u{201D} in order."),
                        "choices": .array(shuffled.map(JSONValue.string)),
                        "answer": .string(items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: " ")),
                        "explanation": .string("This is the order the source gives under \u{201C}\(section.heading)\u{201D}."),
                        "quote": Quote(path: section.path, anchor: section.anchor, text: items[0]).json]
            }
        }
        return nil
    }

    /// Sections with a substantial opening paragraph: asked about by heading, answered
    /// with that paragraph's first sentences.
    private func shortAnswers(max count: Int) -> [JSONValue] {
        var result: [JSONValue] = []
        for section in sections where result.count < count {
            guard Text.contentWords(section.heading).count >= 1, !QuestionWriter.generic.contains(section.heading.lowercased()),
                  let answer = openingSentences(of: section) else { continue }
            result.append(["kind": "short_answer", "prompt": .string("In your own words: what does the source say about \u{201C}\(section.heading)\u{201D}?"),
                           "answer": .string(answer),
                           "explanation": .string("A good answer gives the same facts as the source, in your own words."),
                           "quote": Quote(path: section.path, anchor: section.anchor, text: answer).json])
        }
        return result
    }

    /// The first one or two sentences of the section's first paragraph, when they can be
    /// quoted as they stand (adjacent in the source, so the quote is one piece of it).
    private func openingSentences(of section: SourceSection) -> String? {
        for block in section.blocks {
            guard case .paragraph(let text) = block else { continue }
            let sentences = Text.sentences(of: text)
            guard let first = sentences.first, SourceSection.quotable(first) else { continue }
            if sentences.count > 1, SourceSection.quotable(sentences[1]), text.contains(first + " " + sentences[1]) {
                return first + " " + sentences[1]
            }
            return first
        }
        return nil
    }

    static let generic: Set<String> = ["overview", "introduction", "summary", "next steps", "see also", "topics", "conclusion",
                                       "example", "examples", "usage", "notes", "note"]

    static func codeSpans(_ text: String) -> [String] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }.filter { !$0.isEmpty && $0.count <= 40 }
    }

    static func numbers(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isNumber && $0 != "." }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "." } }
    }

    static func blank(_ answer: String, in sentence: String, code: Bool) -> String {
        let target = code ? "`\(answer)`" : answer
        guard let range = sentence.range(of: target) else { return sentence }
        return sentence.replacingCharacters(in: range, with: "_____")
    }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.lowercased()).inserted }
    }
}

/// A shuffle that is the same on every run: order by a hash of the item and a salt.
func stableOrder(_ item: String, _ salt: String) -> UInt64 {
    var h: UInt64 = 0xcbf29ce484222325
    for byte in (salt + "\u{0}" + item).utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
    return h
}
