import Catalog
import Engine
import Render

/// `<id>/index.html`: a course's front page, with its prerequisites and, for a repository
/// course, its pathway.
struct CoursePage {
    let environment: PipelineEnvironment

    func render(_ id: String, _ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let course = try await context.need(CourseKey(course: id))
        let outline = try await context.need(OutlineKey(course: id))
        let building = try await context.need(LocateKey(course: id)).prerequisites
        let required = try await context.need(building.map(SummaryKey.init(course:)))
        let pathway = course.source.isRepository ? try await RepositoryPages(environment: environment).pathway(course, context) : nil
        return renderer.course(course, outline: outline, prerequisites: required, pathway: pathway)
    }
}
