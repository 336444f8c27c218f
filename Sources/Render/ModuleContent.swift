/// A module as the generate step writes it (the `generate-module` schema). Its text is
/// untrusted: the renderer escapes it, and Markdown fields go through the safe renderer.
public struct ModuleContent: Sendable, Codable, Equatable {
    public struct Section: Sendable, Codable, Equatable {
        public var heading: String
        public var body: String
    }

    public struct Example: Sendable, Codable, Equatable {
        public var title: String
        public var steps: [String]
    }

    public struct Term: Sendable, Codable, Equatable {
        public var term: String
        public var definition: String
    }

    public struct Question: Sendable, Codable, Equatable {
        public var kind: String
        public var prompt: String
        public var choices: [String]?
        public var answer: String
        public var explanation: String
    }

    public var title: String
    public var introduction: String
    public var sections: [Section]
    public var workedExample: Example
    public var keyTerms: [Term]
    public var questions: [Question]
    public var summary: String
    public var readingGrade: Double?

    enum CodingKeys: String, CodingKey {
        case title, introduction, sections, questions, summary
        case workedExample = "worked_example", keyTerms = "key_terms", readingGrade = "reading_grade"
    }
}

/// The evaluate step's rubric score of a module (the `evaluate-module` schema).
public struct ModuleEvaluation: Sendable, Codable, Equatable {
    public struct Criterion: Sendable, Codable, Equatable {
        public var name: String
        public var score: Double
        public var comment: String
    }

    public var score: Double
    public var criteria: [Criterion]
    public var critique: String
}
