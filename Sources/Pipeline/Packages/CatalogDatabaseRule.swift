import Engine
import Foundation
import Packages
import Store

/// `sqlite:` writes `api/catalog.sqlite` when scrollbuild.yml asks for it (`packages:
/// sqlite: true`): every course that built, from its data. Its value is the file's digest
/// ("" when not asked for).
struct CatalogDatabaseRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    static let path = "api/catalog.sqlite"

    func compute(_ key: CatalogDatabaseKey, in context: RuleContext) async throws -> String {
        guard try await context.settings().packages.sqlite else { return "" }
        let courses = try await context.builtCourses()
        // A course whose data cannot be read is left out (its own task says why).
        let books = await context.needEach(courses.map { BookKey(course: $0) }).compactMap { try? $0.get() }
        let bytes = try CatalogDatabase(books: books).bytes()
        try context.write(environment.sitePath(CatalogDatabaseRule.path), bytes)
        return ContentHash(of: bytes).hex
    }
}
