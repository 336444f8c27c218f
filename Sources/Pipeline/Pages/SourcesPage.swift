import Engine
import Render

/// `<id>/sources.html`: the documents a repository course draws on, with their analyses.
struct SourcesPage {
    let environment: PipelineEnvironment

    func render(_ id: String, _ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let course = try await context.need(CourseKey(course: id))
        return renderer.sources(course, documents: try await RepositoryPages(environment: environment).sources(course, context))
    }
}
