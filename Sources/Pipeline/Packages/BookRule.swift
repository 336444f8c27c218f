import Engine
import Foundation
import Packages
import Store

/// `book:<id>` reads back the course data the build wrote (`api/courses/<id>.json`), as
/// every package of the course is made from it. It depends on the data's task, whose
/// value is the file's digest: the file is read only when it changed, and checked against it.
struct BookRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: BookKey, in context: RuleContext) async throws -> Book {
        let digest = try await context.need(CourseDataKey(course: key.course))
        let bytes = try context.readProduct(environment.sitePath(CourseDataRule.path(key.course)))
        guard ContentHash(of: bytes).hex == digest else {
            throw PipelineError("\(CourseDataRule.path(key.course)) changed while the build ran; build again")
        }
        do {
            return try Book.decode(bytes)
        } catch {
            throw PipelineError("\(CourseDataRule.path(key.course)) cannot be read as a book: \(error)")
        }
    }
}
