import Foundation
import LLM

/// Writes a module (the `generate-module` schema) from its outline and source notes:
/// sections from the sentences nearest each lecture, a worked example from the sources'
/// own examples, key terms from definitions, questions from key phrases, a summary from
/// the most central sentences.
struct ModuleWriter {
    let title: String
    let summary: String
    let lectures: [String]
    let sentences: [String]
    /// For each sentence, the number of the document it comes from (0: the notes).
    let origins: [Int]
    let ranked: [Int]
    let phrases: [String]
    /// Sentences per section: one more when writing again after a critique.
    let perSection: Int

    init(_ request: ModuleRequest) {
        title = request.title
        summary = request.summary
        lectures = request.lectures
        let notes = [summary, request.source, request.courseDescription]
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
        var sentences = Text(notes).sentences
        var origins = [Int](repeating: 0, count: sentences.count)
        for document in request.documents {
            let found = Text(document.text).sentences
            sentences += found
            origins += [Int](repeating: document.number, count: found.count)
        }
        self.sentences = sentences
        self.origins = origins
        ranked = Ranking.textRank(sentences)
        phrases = Ranking.keyPhrases(sentences)
        perSection = (request.critique ?? "").isEmpty ? 2 : 3
    }

    func module() -> JSONValue {
        var used = Set<Int>()
        let sections = self.sections(used: &used)
        let questions = self.questions()
        let terms = keyTerms()
        return [
            "title": .string(title),
            "introduction": .string(introduction()),
            "sections": .array(sections),
            "worked_example": workedExample(),
            "key_terms": .array(terms),
            "flashcards": .array(terms.map { ["front": $0["term"] ?? "", "back": $0["definition"] ?? ""] }),
            "questions": .array(questions),
            "summary": .string(summaryText()),
            "reading_grade": .number(Text.gradeLevel(sentences)),
        ]
    }

    private func introduction() -> String {
        var parts: [String] = []
        if !summary.isEmpty { parts.append(summary.hasSuffix(".") ? summary : summary + ".") }
        if !lectures.isEmpty { parts.append("This module works through \(prose(lectures.map { $0.lowercasedFirst }))." ) }
        if !phrases.isEmpty { parts.append("Along the way it names the ideas you will meet again: \(prose(Array(phrases.prefix(4)))).") }
        return parts.isEmpty ? title : parts.joined(separator: " ")
    }

    /// One section per lecture: the two sentences that share most words with its title,
    /// best-ranked first on a tie; without lectures, sections follow the key phrases.
    private func sections(used: inout Set<Int>) -> [JSONValue] {
        let headings = lectures.isEmpty ? Array(phrases.prefix(3)).map(\.capitalizedFirst) : lectures
        var result: [JSONValue] = []
        for heading in headings {
            let wanted = Set(Text.contentWords(heading))
            let order = rankedByOverlap(with: wanted, excluding: used)
            let picked = order.prefix(perSection).sorted()
            picked.forEach { used.insert($0) }
            let body = picked.isEmpty ? "This part of the module is about \(heading.lowercasedFirst)."
                                      : picked.map { sentences[$0] }.joined(separator: " ")
            let cited = Array(Set(picked.map { origins[$0] }).filter { $0 > 0 }).sorted()
            var section: [String: JSONValue] = ["heading": .string(heading), "body": .string(body)]
            if !cited.isEmpty { section["sources"] = .array(cited.map { .number(Double($0)) }) }
            result.append(.object(section))
        }
        return result
    }

    /// Sentence indices not in `used`, most words shared with `wanted` first, then by rank.
    private func rankedByOverlap(with wanted: Set<String>, excluding used: Set<Int>) -> [Int] {
        var scored: [(index: Int, rank: Int, overlap: Int)] = []
        for (rank, index) in ranked.enumerated() where !used.contains(index) {
            let overlap = Set(Text.contentWords(sentences[index])).intersection(wanted).count
            scored.append((index, rank, overlap))
        }
        scored.sort { $0.overlap != $1.overlap ? $0.overlap > $1.overlap : $0.rank < $1.rank }
        return scored.map(\.index)
    }

    /// The sources' own examples (sentences that say "for example", "such as", or carry
    /// numbers), as steps; else the three most central sentences as a walkthrough.
    private func workedExample() -> JSONValue {
        let markers = ["for example", "for instance", "e.g.", "such as", "suppose", "imagine", "consider"]
        var steps = sentences.filter { s in
            let lower = s.lowercased()
            return markers.contains { lower.contains($0) } || s.contains(where: \.isNumber)
        }
        let titled = steps.isEmpty ? "Walkthrough: \(title)" : "Example: \(title)"
        if steps.isEmpty { steps = ranked.prefix(3).sorted().map { sentences[$0] } }
        if steps.isEmpty { steps = [summary.isEmpty ? title : summary] }
        return ["title": .string(titled), "steps": .array(steps.prefix(4).map(JSONValue.string))]
    }

    /// Definitions the sources give ("X is …", "X means …"); key phrases fill in with the
    /// sentence that uses them.
    private func keyTerms() -> [JSONValue] {
        var terms: [(String, String)] = []
        let pattern = try! NSRegularExpression(pattern: #"^(?:An? |The )?([A-Za-z][\w' -]{1,40}?) (?:is|are|means|refers to) (.{12,})$"#)
        for sentence in sentences {
            let range = NSRange(sentence.startIndex..., in: sentence)
            guard let match = pattern.firstMatch(in: sentence, range: range),
                  let term = Range(match.range(at: 1), in: sentence), let rest = Range(match.range(at: 2), in: sentence)
            else { continue }
            let name = String(sentence[term])
            guard name.split(separator: " ").count <= 4, !Text.stopWords.contains(name.lowercased()),
                  !terms.contains(where: { $0.0.lowercased() == name.lowercased() }) else { continue }
            terms.append((name, String(sentence[rest]).capitalizedFirst))
        }
        for phrase in phrases where terms.count < 5 && !terms.contains(where: { $0.0.lowercased() == phrase }) {
            if let sentence = sentences.first(where: { $0.lowercased().contains(phrase) }) {
                terms.append((phrase.capitalizedFirst, "As the sources use it: \u{201C}\(sentence)\u{201D}"))
            }
        }
        return terms.prefix(6).map { ["term": .string($0.0), "definition": .string($0.1)] }
    }

    /// Multiple-choice questions whose answer is a key phrase blanked out of a central
    /// sentence, with the other key phrases as distractors; one cloze; one short answer
    /// per lecture (up to two).
    private func questions() -> [JSONValue] {
        var result: [JSONValue] = []
        var askedPhrases = Set<String>()
        for index in ranked {
            guard result.count < 3 else { break }
            let sentence = sentences[index]
            guard let phrase = phrases.first(where: { !askedPhrases.contains($0) && sentence.lowercased().contains($0) }),
                  let range = sentence.range(of: phrase, options: .caseInsensitive) else { continue }
            askedPhrases.insert(phrase)
            let blanked = sentence.replacingCharacters(in: range, with: "_____")
            let distractors = phrases.filter { $0 != phrase && !sentence.lowercased().contains($0) }.prefix(3)
            if result.isEmpty || distractors.count < 2 {
                result.append(["kind": "cloze", "prompt": .string("Fill in the blank: \(blanked)"),
                               "answer": .string(phrase), "explanation": .string("The sources say: \u{201C}\(sentence)\u{201D}")])
            } else {
                let choices = ([phrase] + distractors).sorted { stableOrder($0, sentence) < stableOrder($1, sentence) }
                result.append(["kind": "multiple_choice", "prompt": .string("Which phrase completes the statement? \(blanked)"),
                               "choices": .array(choices.map(JSONValue.string)), "answer": .string(phrase),
                               "explanation": .string("The sources say: \u{201C}\(sentence)\u{201D} The other choices are ideas from the same module that do not fit here.")])
            }
        }
        for lecture in lectures.prefix(2) {
            let wanted = Set(Text.contentWords(lecture))
            let support = sentences.max { a, b in
                Set(Text.contentWords(a)).intersection(wanted).count < Set(Text.contentWords(b)).intersection(wanted).count
            } ?? summary
            result.append(["kind": "short_answer", "prompt": .string("In two or three sentences, explain: \(lecture.lowercasedFirst)."),
                           "answer": .string(support.isEmpty ? lecture : support),
                           "explanation": .string("A good answer uses the module's own terms and gives one concrete case.")])
        }
        if result.isEmpty {
            result.append(["kind": "short_answer", "prompt": .string("What is the main idea of \u{201C}\(title)\u{201D}?"),
                           "answer": .string(summary.isEmpty ? title : summary),
                           "explanation": .string("The module's summary states it.")])
        }
        return result
    }

    /// A shuffle that is the same on every run: order by a hash of the choice and the question.
    private func stableOrder(_ choice: String, _ salt: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in (salt + "\u{0}" + choice).utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return h
    }

    private func summaryText() -> String {
        let top = ranked.prefix(3).sorted().map { sentences[$0] }
        return top.isEmpty ? (summary.isEmpty ? title : summary) : top.joined(separator: " ")
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first, first.isUppercase, !(dropFirst().first?.isUppercase ?? false) else { return self }
        return first.lowercased() + dropFirst()
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
