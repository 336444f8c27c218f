import Engine
import Render

/// `index.html`: the catalog. Lists the courses whose every page built; a course that
/// failed is left off (its error is in the build's report), and the index is rendered
/// again once it builds.
struct IndexPage {
    func render(_ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let catalog = try await context.need(CatalogKey())
        let built = zip(catalog.courses, await context.needEach(catalog.courses.map { CoursePagesKey(course: $0.id) }))
            .compactMap { course, pages in (try? pages.get()) == nil ? nil : course.id }
        let summaries = try await context.need(built.map(SummaryKey.init(course:)))
        // A map that cannot be drawn (no Graphviz) is that task's error; the index is still written.
        let map = (try? await context.need(PrerequisiteMapKey())) ?? ""
        return renderer.index(summaries, prerequisiteMap: map.isEmpty ? nil : map)
    }
}
