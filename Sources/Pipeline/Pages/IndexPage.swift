import Engine
import Render

/// `index.html`: the catalog. Lists the courses whose every page built; a course that
/// failed is left off (its error is in the build's report), and the index is rendered
/// again once it builds. Imported courses (external entries) are counted there and listed
/// on `imported.html`.
struct IndexPage {
    func render(_ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let built = try await context.builtCourses()
        let summaries = try await context.need(built.map(SummaryKey.init(course:)))
        // A map that cannot be drawn (no Graphviz) is that task's error; the index is still written.
        let map = (try? await context.need(PrerequisiteMapKey())) ?? ""
        return renderer.index(summaries, prerequisiteMap: map.isEmpty ? nil : map)
    }

    /// `imported.html`: the courses of the catalog's external entries that built.
    func renderImported(_ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let catalog = try await context.need(CatalogKey())
        let built = try await context.builtCourses().filter { catalog.course($0)?.external == true }
        let summaries = try await context.need(built.map(SummaryKey.init(course:)))
        let map = (try? await context.need(PrerequisiteMapKey())) ?? ""
        return renderer.imported(summaries, prerequisiteMap: map.isEmpty ? nil : map)
    }
}
