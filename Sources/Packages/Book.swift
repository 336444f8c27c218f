import Foundation
import Render

/// A course as its packages read it: the content of `api/courses/<id>.json` (the course
/// data the site build writes), decoded. Every package (EPUB, PDF, cartridge, deck, the
/// SQLite catalog) is made from this value alone, never from the HTML pages.
public struct Book: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var subject: String
    public var level: String
    public var description: String
    public var audience: String
    public var prerequisites: [String]
    /// `content`, `modules` or `repo`.
    public var kind: String
    /// When the course's material last changed, as `YYYY-MM-DDThh:mm:ssZ`: the source
    /// commit's time, or the catalog (and chapter) files' (never the clock). Only a course
    /// with packages has it.
    public var modified: String?
    /// Generated modules (`modules` and `repo` courses).
    public var modules: [Module]?
    /// Hand-written chapters (`content` courses).
    public var chapters: [Chapter]?

    /// `modified`, or the earliest date a zip file can hold.
    public var date: String { modified ?? "1980-01-01T00:00:00Z" }

    /// The book's chapters in order, whichever kind of course it is.
    public var parts: [Part] {
        if let chapters { return chapters.map(Part.chapter) }
        return (modules ?? []).map(Part.module)
    }

    public enum Part: Sendable, Equatable {
        case chapter(Chapter)
        case module(Module)

        public var slug: String {
            switch self { case .chapter(let c): c.slug; case .module(let m): m.slug }
        }
        public var title: String {
            switch self { case .chapter(let c): c.title; case .module(let m): m.title }
        }
        public var questions: [Question] {
            if case .module(let m) = self { return m.questions }
            return []
        }
        /// The module's flashcards and its book parts', once per front.
        public var flashcards: [Flashcard] {
            guard case .module(let m) = self else { return [] }
            var fronts: Set<String> = []
            return (m.flashcards + (m.bookParts?.flashcards ?? [])).filter { fronts.insert($0.front).inserted }
        }
    }

    /// A hand-written chapter: its Markdown, with images and downloads named by digest
    /// (`assets/<digest>.<ext>`) and where each one's bytes are in the project.
    public struct Chapter: Sendable, Codable, Equatable {
        public var slug: String
        public var title: String
        public var markdown: String?
        /// `assets/<digest>.<ext>` → the file in the project it was copied from.
        public var assets: [String: String]?
    }

    public struct Module: Sendable, Codable, Equatable {
        public var slug: String
        public var title: String
        public var objectives: [String]
        public var introduction: String
        public var sections: [Section]
        public var workedExample: Example?
        public var keyTerms: [Term]
        public var questions: [Question]
        public var flashcards: [Flashcard]
        public var summary: String
        public var bookParts: BookParts?
        public var sources: [Source]?
        public var evaluation: Evaluation?

        enum CodingKeys: String, CodingKey {
            case slug, title, objectives, introduction, sections, questions, flashcards, summary, sources, evaluation
            case workedExample = "worked_example", keyTerms = "key_terms", bookParts = "book_parts"
        }
    }

    /// A document a module draws on, at the commit it was read from.
    public struct Source: Sendable, Codable, Equatable {
        public var path: String
        public var commit: String
    }

    /// How the evaluate step graded a module, and its mechanical checks.
    public struct Evaluation: Sendable, Codable, Equatable {
        public struct Check: Sendable, Codable, Equatable {
            public var name: String
            public var passed: Bool
            public var detail: String
        }

        public var score: Double
        public var threshold: Double
        public var flagged: Bool
        public var attempts: Int
        public var checks: [Check]
    }

    // A module's parts are the generate step's own value types (quotes, where kept, are ignored).
    public typealias Section = ModuleContent.Section
    public typealias Example = ModuleContent.Example
    public typealias Term = ModuleContent.Term
    public typealias Question = ModuleContent.Question
    public typealias Flashcard = ModuleContent.Flashcard

    public static func decode(_ data: Data) throws -> Book {
        try JSONDecoder().decode(Book.self, from: data)
    }
}

/// The parts of a textbook chapter beyond its text (the `book-parts` step's answer).
public struct BookParts: Sendable, Codable, Equatable {
    public struct Exercise: Sendable, Codable, Equatable {
        public var task: String
        public var solution: String
        public init(task: String, solution: String) { self.task = task; self.solution = solution }
    }

    public struct Prompt: Sendable, Codable, Equatable {
        public var prompt: String
        public var rubric: [String]
        public init(prompt: String, rubric: [String]) { self.prompt = prompt; self.rubric = rubric }
    }

    public struct Resource: Sendable, Codable, Equatable {
        public var title: String
        public var url: String
        public init(title: String, url: String) { self.title = title; self.url = url }
    }

    public var lectureNotes: String
    public var exercises: [Exercise]
    public var essayPrompts: [Prompt]
    public var studyGuide: [String]
    public var flashcards: [Book.Flashcard]
    public var discussionQuestions: [String]
    public var furtherResources: [Resource]
    /// What the author could not write and why (the offline provider says so here).
    public var omitted: [String]?

    enum CodingKeys: String, CodingKey {
        case exercises, flashcards, omitted
        case lectureNotes = "lecture_notes", essayPrompts = "essay_prompts", studyGuide = "study_guide"
        case discussionQuestions = "discussion_questions", furtherResources = "further_resources"
    }
}
