import LLM
/// Grades a generated module against the rubric (the `evaluate-module` schema):
/// coverage of its objectives, grounding in its sources, the quality of its assessment
/// and the fit of its reading level, each from 0 to 1; the score is their mean.
struct ModuleGrader {
    let module: JSONValue
    let objectives: [String]
    let sourceWords: Set<String>
    let level: String

    init(_ request: GradingRequest) {
        module = request.module
        objectives = request.objectives
        sourceWords = Set(Text.contentWords([request.source, request.summary].joined(separator: " ")))
        level = request.level
    }

    func evaluation() -> JSONValue {
        let body = ([module["introduction"]?.string] + (module["sections"]?.array ?? []).map { $0["body"]?.string }
                    + [module["summary"]?.string]).compactMap { $0 }.joined(separator: "\n\n")
        let sentences = Text(body).sentences
        let criteria: [(String, Double, String)] = [
            coverage(body), grounding(sentences), assessment(), readingLevel(sentences),
        ]
        let score = criteria.map(\.1).reduce(0, +) / Double(criteria.count)
        let weakest = criteria.filter { $0.1 < 0.8 }.map { "\($0.0): \($0.2)" }
        let critique = weakest.isEmpty ? "Meets every criterion of the rubric." : weakest.joined(separator: " ")
        return [
            "score": .number(round2(score)),
            "criteria": .array(criteria.map { ["name": .string($0.0), "score": .number(round2($0.1)), "comment": .string($0.2)] }),
            "critique": .string(critique),
        ]
    }

    private func coverage(_ body: String) -> (String, Double, String) {
        guard !objectives.isEmpty else { return ("coverage", 1, "The module states no separate objectives.") }
        let words = Set(Text.contentWords(body))
        let missed = objectives.filter { objective in
            let wanted = Set(Text.contentWords(objective))
            return !wanted.isEmpty && Double(wanted.intersection(words).count) / Double(wanted.count) < 0.5
        }
        let score = 1 - Double(missed.count) / Double(objectives.count)
        return ("coverage", score, missed.isEmpty ? "Every objective is addressed."
                : "Not addressed: \(prose(missed.map { "\u{201C}\($0)\u{201D}" })).")
    }

    private func grounding(_ sentences: [String]) -> (String, Double, String) {
        guard !sentences.isEmpty, !sourceWords.isEmpty else { return ("grounding", 0.5, "There is too little source text to check against.") }
        let grounded = sentences.filter { sentence in
            let words = Set(Text.contentWords(sentence))
            return words.isEmpty || Double(words.intersection(sourceWords).count) / Double(words.count) >= 0.6
        }
        let score = Double(grounded.count) / Double(sentences.count)
        return ("grounding", score, "\(grounded.count) of \(sentences.count) sentences draw on the sources.")
    }

    private func assessment() -> (String, Double, String) {
        let questions = module["questions"]?.array ?? []
        let explained = questions.filter { ($0["explanation"]?.string ?? "").count >= 20 }.count
        let kinds = Set(questions.compactMap { $0["kind"]?.string }).count
        let score = min(1, Double(questions.count) / 4) * 0.6 + (questions.isEmpty ? 0 : Double(explained) / Double(questions.count)) * 0.3
            + min(1, Double(kinds) / 2) * 0.1
        return ("assessment", score, "\(questions.count) questions of \(kinds) kinds, \(explained) with explanations.")
    }

    private func readingLevel(_ sentences: [String]) -> (String, Double, String) {
        let grade = Text.gradeLevel(sentences)
        let ceiling: Double = switch level { case "beginner": 10; case "intermediate": 13; default: 16 }
        let score = grade <= ceiling ? 1 : max(0, 1 - (grade - ceiling) / 6)
        return ("reading level", score, "Flesch\u{2013}Kincaid grade \(grade) for a \(level.isEmpty ? "general" : level) audience (aim for \(Int(ceiling)) or below).")
    }

    private func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
