import Engine
import Foundation
import Packages
import Store

/// `epub:<id>` writes `<id>/<id>.epub` from the course's book, the theme's `book.css` and
/// the images its chapters name (read from the project, where they were copied from).
struct EPUBRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: EPUBKey, in context: RuleContext) async throws -> String {
        let book = try await context.need(BookKey(course: key.course))
        let stylesheet = try await context.themeFile("book.css", environment: environment)
        let assets = try await context.bookAssets(book, environment: environment)
        let bytes = try EPUBBook(book: book, stylesheet: stylesheet, assets: assets).bytes()
        try context.write(environment.sitePath(PackagesRule.path(key.course, "epub")), bytes)
        return ContentHash(of: bytes).hex
    }
}
