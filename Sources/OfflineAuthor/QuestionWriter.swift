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

    /// About one question for every two sections, six to twelve.
    var limit: Int { min(12, max(6, sections.filter { !$0.sentences.isEmpty }.count / 2)) }

    func questions() -> [JSONValue] {
        var result: [JSONValue] = []
        let quotes = spread(sections.flatMap(\.sentences))
        var used = Set<String>()
        let codeSpans = unique(quotes.flatMap { QuestionWriter.codeSpans($0.text) })
        let numbers = unique(quotes.flatMap { QuestionWriter.numbers($0.text) })
        var asked = Set<String>()
        var blanks = 0
        let blanksWanted = max(4, limit - 4)
        for quote in quotes where blanks < blanksWanted && !used.contains(quote.text) {
            guard let (answer, kind) = candidate(in: quote.text, asked: asked) else { continue }
            asked.insert(answer.lowercased())
            used.insert(quote.text)
            let pool: [String] = switch kind { case .code: codeSpans; case .term: terms; case .number: numbers }
            let distractors = pool.filter {
                $0.lowercased() != answer.lowercased() && !quote.text.contains($0) && QuestionWriter.shape($0) == QuestionWriter.shape(answer)
            }
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
        if let code = whichCode(avoiding: &used) { result.append(code) }
        if let steps = orderSteps() { result.append(steps) }
        if let output = predictOutput() { result.append(output) }
        result += shortAnswers(max: max(1, limit - result.count), avoiding: &used)
        return Array(result.prefix(limit))
    }

    /// Quotes taken from every section in turn, the sections visited far apart first (the
    /// first, the middle, the quarters, …), so the first questions already cover the module.
    private func spread(_ quotes: [Quote]) -> [Quote] {
        var bySection: [[Quote]] = []
        for quote in quotes {
            if let last = bySection.last?.last, last.path == quote.path, last.anchor == quote.anchor {
                bySection[bySection.count - 1].append(quote)
            } else {
                bySection.append([quote])
            }
        }
        let order = QuestionWriter.farApart(bySection.count).map { bySection[$0] }
        var result: [Quote] = []
        var round = 0
        while result.count < quotes.count {
            for group in order where round < group.count { result.append(group[round]) }
            round += 1
        }
        return result
    }

    /// `0..<count` in an order that spreads out: 0, then halves, quarters, eighths.
    static func farApart(_ count: Int) -> [Int] {
        guard count > 1 else { return Array(0..<count) }
        var order: [Int] = []
        var seen = Set<Int>()
        var parts = 1
        while order.count < count {
            for k in 0..<parts {
                let index = k * count / parts
                if seen.insert(index).inserted { order.append(index) }
            }
            parts *= 2
            if parts > 2 * count { break }
        }
        return order + (0..<count).filter { !seen.contains($0) }
    }

    /// What kind of thing a blanked answer is, so distractors are the same kind: a call,
    /// a path or URL, a dotted name, a number, a capitalised name, or a word.
    static func shape(_ text: String) -> Int {
        if text.contains("(") { return 0 }
        if text.contains("/") { return 1 }
        if text.contains(".") && !text.allSatisfy({ $0.isNumber || $0 == "." }) { return 2 }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) { return 3 }
        if text.first?.isUppercase == true { return 4 }
        return 5
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
    private func whichCode(avoiding used: inout Set<String>) -> JSONValue? {
        var blocks: [(intro: String, language: String, code: String, section: SourceSection)] = []
        for section in sections {
            for (previous, block) in zip(section.blocks, section.blocks.dropFirst()) {
                guard case .paragraph(let intro) = previous, case .code(let language, let code) = block,
                      intro.hasSuffix(":"), code.split(separator: "\n").count <= 8, !code.isEmpty else { continue }
                let sentence = Text.sentences(of: intro).last ?? intro
                // "And to your target:" says too little to pick code by.
                guard sentence.split(separator: " ").count >= 6, SourceSection.quotable(sentence) else { continue }
                blocks.append((sentence, language, code, section))
            }
        }
        guard let chosen = blocks.first(where: { b in !used.contains(collapse(b.intro)) && blocks.filter { $0.code != b.code }.count >= 2 })
        else { return nil }
        used.insert(collapse(chosen.intro))
        // Distractors in the same language when there are enough; output is never a choice.
        let sameLanguage = blocks.filter { $0.code != chosen.code && $0.language == chosen.language }
        let others = (sameLanguage.count >= 2 ? sameLanguage : blocks.filter { $0.code != chosen.code }).map(\.code)
        let choices = ([chosen.code] + unique(others).prefix(2)).sorted { stableOrder($0, chosen.intro) < stableOrder($1, chosen.intro) }
        let ask = String(chosen.intro.dropLast()).trimmingCharacters(in: .whitespaces)
        return ["kind": "which_code", "prompt": .string("Which code does this? \(ask)."),
                "choices": .array(choices.map(JSONValue.string)), "answer": .string(chosen.code),
                "explanation": .string("Under \u{201C}\(chosen.section.heading)\u{201D} the source introduces this code with: \u{201C}\(chosen.intro)\u{201D}"),
                "quote": Quote(path: chosen.section.path, anchor: chosen.section.anchor, text: collapse(chosen.intro)).json]
    }

    /// Code shown with its output ("This outputs:", a notebook cell's "Output:"): what
    /// does it print?
    private func predictOutput() -> JSONValue? {
        for section in sections {
            let blocks = section.blocks
            for i in blocks.indices.dropLast(2) {
                guard case .code(let language, let code) = blocks[i], case .paragraph(let link) = blocks[i + 1],
                      case .code(_, let output) = blocks[i + 2],
                      link.split(separator: " ").count <= 12, QuestionWriter.announcesOutput(link),
                      (1...12).contains(code.split(separator: "\n").count), (1...6).contains(output.split(separator: "\n").count)
                else { continue }
                return ["kind": "predict_output",
                        "prompt": .string("What does this code print?\n\n```\(language)\n\(code)\n```"),
                        "answer": .string(output),
                        "explanation": .string("Under \u{201C}\(section.heading)\u{201D} the source shows this output."),
                        "quote": Quote(path: section.path, anchor: section.anchor, text: collapse(link)).json]
            }
        }
        return nil
    }

    static func announcesOutput(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasSuffix(":") && ["output", "prints", "print", "outputs", "returns", "result", "displays", "shows"]
            .contains { lower.contains($0) }
    }

    /// A numbered procedure of three to seven steps, shuffled.
    private func orderSteps() -> JSONValue? {
        for section in sections {
            for block in section.blocks {
                guard case .orderedList(let items) = block, (3...7).contains(items.count),
                      items.allSatisfy({ $0.split(separator: " ").count <= 30 }) else { continue }
                var shuffled = items.sorted { stableOrder($0, section.anchor) < stableOrder($1, section.anchor) }
                if shuffled == items { shuffled = Array(items.dropFirst()) + [items[0]] }  // never given in order
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
    private func shortAnswers(max count: Int, avoiding used: inout Set<String>) -> [JSONValue] {
        var result: [JSONValue] = []
        var askedHeadings = Set<String>()
        for index in QuestionWriter.farApart(sections.count) where result.count < count {
            let section = sections[index]
            guard Text.contentWords(section.heading).count >= 1, !QuestionWriter.generic.contains(section.heading.lowercased()),
                  let answer = openingSentences(of: section), !used.contains(where: { answer.contains($0) || $0.contains(answer) }),
                  !askedHeadings.contains(section.heading.lowercased())
            else { continue }
            used.insert(answer)
            askedHeadings.insert(section.heading.lowercased())
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
