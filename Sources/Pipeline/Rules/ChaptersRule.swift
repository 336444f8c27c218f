import Catalog
import Engine
import Foundation

/// `chapters:<id>` lists a content course's chapter files: those the course names, or
/// every Markdown file in `content/<id>/`, sorted by name.
struct ChaptersRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: ChaptersKey, in context: RuleContext) async throws -> [String] {
        let course = try await context.need(CourseKey(course: key.course))
        guard case .content(let listed) = course.source else { return [] }
        let folder = try await context.settings().contentPath + "/" + course.id
        guard try await context.exists(environment.projectPath(folder)) else {
            throw PipelineError("course '\(course.id)' has source kind 'content' but \(folder)/ does not exist; "
                                + "write its chapters there as Markdown files")
        }
        let present = try await context.list(environment.projectPath(folder)).filter { $0.hasSuffix(".md") }
        if let listed {
            if let missing = listed.first(where: { !present.contains($0) }) {
                throw PipelineError("course '\(course.id)' lists chapter '\(missing)', which is not in \(folder)/")
            }
            return listed.map { folder + "/" + $0 }
        }
        return present.map { folder + "/" + $0 }
    }
}
