import Engine
import Foundation
import Packages
import Store

/// `anki:<id>` writes `<id>/<id>.apkg`: the course's flashcards and questions as an Anki deck.
struct AnkiRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: AnkiKey, in context: RuleContext) async throws -> String {
        let book = try await context.need(BookKey(course: key.course))
        let bytes = try AnkiDeck(book: book).bytes()
        try context.write(environment.sitePath(PackagesRule.path(key.course, "apkg")), bytes)
        return ContentHash(of: bytes).hex
    }
}
