/// A module as the generate step writes it (the `generate-module` schema). Its text is
/// untrusted: the renderer escapes it, and Markdown fields go through the safe renderer.
public struct ModuleContent: Sendable, Codable, Equatable {
    public struct Section: Sendable, Codable, Equatable {
        public var heading: String
        public var body: String
        /// The numbers of the source documents this section draws on.
        public var sources: [Int]?
    }

    /// Where a question or flashcard comes from: a document, a section, the exact text.
    public struct Quote: Sendable, Codable, Equatable {
        public var path: String
        public var anchor: String
        public var text: String
    }

    public struct Flashcard: Sendable, Codable, Equatable {
        public var front: String
        public var back: String
        public var quote: Quote?
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
        public var quote: Quote?
    }

    public var title: String
    public var introduction: String
    public var sections: [Section]
    public var workedExample: Example?
    public var keyTerms: [Term]
    public var questions: [Question]
    public var summary: String
    public var readingGrade: Double?
    public var flashcards: [Flashcard]?

    enum CodingKeys: String, CodingKey {
        case title, introduction, sections, questions, summary, flashcards
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

    /// A mechanical check run beside the judgement (markup leaked, code dropped, …).
    public struct Check: Sendable, Codable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String

        public init(name: String, passed: Bool, detail: String) {
            self.name = name
            self.passed = passed
            self.detail = detail
        }
    }

    public var score: Double
    public var criteria: [Criterion]
    public var critique: String
    /// Set by the generate task; a failed check keeps the score below the threshold.
    public var checks: [Check]?

    /// The checks that failed.
    public var failedChecks: [Check] { (checks ?? []).filter { !$0.passed } }
}

/// What the generate task settles on for one module: the last answer of the generate
/// step, its evaluation, and how many answers it took. `flagged` when even the last
/// scored below the threshold.
public struct ModuleResult: Sendable, Codable, Equatable {
    public var module: ModuleContent
    public var evaluation: ModuleEvaluation
    public var attempts: Int
    public var threshold: Double
    public var flagged: Bool

    public init(module: ModuleContent, evaluation: ModuleEvaluation, attempts: Int, threshold: Double, flagged: Bool) {
        self.module = module
        self.evaluation = evaluation
        self.attempts = attempts
        self.threshold = threshold
        self.flagged = flagged
    }
}
