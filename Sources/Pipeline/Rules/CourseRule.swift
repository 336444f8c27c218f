import Catalog
import Engine
import Foundation

/// `course:<id>` is the parsed `Course`, without source positions, so a reformatted file
/// that says the same thing is cut off here.
struct CourseRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: CourseKey, in context: RuleContext) async throws -> Course {
        let file = try await context.need(LocateKey(course: key.course)).file
        let text = try await context.readText(environment.projectPath(file))
        guard let course = CourseReader.read(text, file: file).course else {
            throw PipelineError("\(file) no longer parses; see the catalog errors")
        }
        return course
    }
}
