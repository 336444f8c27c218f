import Engine
import Foundation

/// `site:` is the whole site: the index, the stylesheet and every course that builds.
/// Its value lists the courses whose pages all built; while one fails, the site is not
/// recorded as built, so the next build tries that course again.
struct SiteRule: TypedRule {
    let version = 9  // 2: typed value; every course builds or fails alone; 3: api/catalog.json; 4: site.js; 5: 404, sitemap, feed; 6: search; 7: packages; 8: selection; 9: imported courses

    func compute(_ key: SiteKey, in context: RuleContext) async throws -> [String] {
        let catalog = try await context.need(CatalogKey())
        _ = try await context.need(PageKey.index)
        if catalog.courses.contains(where: \.external) { _ = try await context.need(PageKey.imported) }
        _ = try await context.need(AssetKey.stylesheet)
        _ = try await context.need(AssetKey.script)
        // The chosen courses' pages (all of them unless the build makes some), and which built.
        let built = try await context.builtCourses()
        let chosen = try await context.need(SelectionKey()).map(Set.init)
        // Packages fail alone too: a course whose EPUB failed still has its pages.
        _ = await context.needEach(catalog.courses.filter { $0.packaged && (chosen?.contains($0.id) ?? true) }
            .map { PackagesKey(course: $0.id) })
        _ = try await context.need(CatalogDataKey())
        _ = try await context.need(SiteFilesKey())
        _ = try await context.need(SearchIndexKey())
        _ = try await context.need(CatalogDatabaseKey())
        return built
    }
}
