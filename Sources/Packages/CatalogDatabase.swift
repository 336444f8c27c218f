import Foundation
import GRDB

/// The whole project as one SQLite file: courses and their prerequisites, modules (or
/// chapters), sections, questions, flashcards, sources and evaluations, with a
/// `schema_version` table (docs/sqlite.md documents every table). Rows go in in catalog
/// order with fixed keys and no clock, so the same books give the same bytes.
public struct CatalogDatabase {
    /// Bumped whenever a table or column changes.
    public static let schemaVersion = 1

    public let books: [Book]

    public init(books: [Book]) { self.books = books }

    public func bytes() throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrollbuild-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            for statement in CatalogDatabase.tables { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO schema_version VALUES (?)", arguments: [CatalogDatabase.schemaVersion])
            for book in books { try insert(book, db) }
        }
        try queue.close()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static let tables = [
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        """
        CREATE TABLE courses (id TEXT PRIMARY KEY, title TEXT NOT NULL, subject TEXT NOT NULL, level TEXT NOT NULL,
          kind TEXT NOT NULL, description TEXT NOT NULL, audience TEXT NOT NULL, modified TEXT)
        """,
        """
        CREATE TABLE prerequisites (course_id TEXT NOT NULL REFERENCES courses(id), prerequisite_id TEXT NOT NULL,
          PRIMARY KEY (course_id, prerequisite_id))
        """,
        """
        CREATE TABLE modules (course_id TEXT NOT NULL REFERENCES courses(id), position INTEGER NOT NULL, slug TEXT NOT NULL,
          title TEXT NOT NULL, introduction TEXT, summary TEXT, markdown TEXT, PRIMARY KEY (course_id, slug))
        """,
        """
        CREATE TABLE sections (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, position INTEGER NOT NULL,
          heading TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (course_id, module_slug, position))
        """,
        """
        CREATE TABLE questions (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, position INTEGER NOT NULL,
          kind TEXT NOT NULL, prompt TEXT NOT NULL, choices TEXT, answer TEXT NOT NULL, explanation TEXT NOT NULL,
          PRIMARY KEY (course_id, module_slug, position))
        """,
        """
        CREATE TABLE flashcards (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, position INTEGER NOT NULL,
          front TEXT NOT NULL, back TEXT NOT NULL, PRIMARY KEY (course_id, module_slug, position))
        """,
        """
        CREATE TABLE sources (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, path TEXT NOT NULL, commit_id TEXT NOT NULL,
          PRIMARY KEY (course_id, module_slug, path))
        """,
        """
        CREATE TABLE evaluations (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, score REAL NOT NULL,
          threshold REAL NOT NULL, flagged INTEGER NOT NULL, attempts INTEGER NOT NULL, PRIMARY KEY (course_id, module_slug))
        """,
        """
        CREATE TABLE evaluation_checks (course_id TEXT NOT NULL, module_slug TEXT NOT NULL, name TEXT NOT NULL,
          passed INTEGER NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (course_id, module_slug, name))
        """,
    ]

    private func insert(_ book: Book, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO courses VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [book.id, book.title, book.subject, book.level, book.kind, book.description, book.audience,
                                   book.modified])
        for prerequisite in Set(book.prerequisites).sorted() {
            try db.execute(sql: "INSERT INTO prerequisites VALUES (?, ?)", arguments: [book.id, prerequisite])
        }
        for (position, chapter) in (book.chapters ?? []).enumerated() {
            try db.execute(sql: "INSERT INTO modules VALUES (?, ?, ?, ?, NULL, NULL, ?)",
                           arguments: [book.id, position + 1, chapter.slug, chapter.title, chapter.markdown])
        }
        for (position, module) in (book.modules ?? []).enumerated() {
            let slug = module.slug
            try db.execute(sql: "INSERT INTO modules VALUES (?, ?, ?, ?, ?, ?, NULL)",
                           arguments: [book.id, position + 1, slug, module.title, module.introduction, module.summary])
            for (n, section) in module.sections.enumerated() {
                try db.execute(sql: "INSERT INTO sections VALUES (?, ?, ?, ?, ?)",
                               arguments: [book.id, slug, n + 1, section.heading, section.body])
            }
            for (n, question) in module.questions.enumerated() {
                let choices = question.choices.map { String(decoding: try! JSONEncoder().encode($0), as: UTF8.self) }
                try db.execute(sql: "INSERT INTO questions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [book.id, slug, n + 1, question.kind, question.prompt, choices, question.answer,
                                           question.explanation])
            }
            for (n, card) in module.flashcards.enumerated() {
                try db.execute(sql: "INSERT INTO flashcards VALUES (?, ?, ?, ?, ?)", arguments: [book.id, slug, n + 1, card.front, card.back])
            }
            var paths: Set<String> = []
            for source in module.sources ?? [] where paths.insert(source.path).inserted {
                try db.execute(sql: "INSERT INTO sources VALUES (?, ?, ?, ?)", arguments: [book.id, slug, source.path, source.commit])
            }
            if let evaluation = module.evaluation {
                try db.execute(sql: "INSERT INTO evaluations VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [book.id, slug, evaluation.score, evaluation.threshold, evaluation.flagged, evaluation.attempts])
                var names: Set<String> = []
                for check in evaluation.checks where names.insert(check.name).inserted {
                    try db.execute(sql: "INSERT INTO evaluation_checks VALUES (?, ?, ?, ?, ?)",
                                   arguments: [book.id, slug, check.name, check.passed, check.detail])
                }
            }
        }
    }
}
