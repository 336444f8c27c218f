import Engine
import Foundation
import Render
import Store

/// `sitefiles:` writes what a static host and feed readers expect beside the pages: a 404
/// page, and, when scrollbuild.yml sets `site.base_url`, `sitemap.xml` (every page) and an
/// Atom feed of the courses (`feed.xml`). Without a base URL the two are left out: both
/// need absolute addresses (and the engine removes the ones an earlier build wrote).
struct SiteFilesRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: SiteFilesKey, in context: RuleContext) async throws -> String {
        let settings = try await context.settings()
        let renderer = try await PageRule.renderer(context)
        let base = settings.baseURL.isEmpty ? nil : (settings.baseURL.hasSuffix("/") ? settings.baseURL : settings.baseURL + "/")
        var written = Data(renderer.notFound(root: base ?? "/").utf8)
        try context.write(environment.sitePath("404.html"), written)
        guard let base else { return ContentHash(of: written).hex }

        let listed = try await context.builtCourses()
        let outlines = try await context.need(listed.map { OutlineKey(course: $0) })
        let courses = try await context.need(listed.map { CourseKey(course: $0) })
        let summaries = try await context.need(listed.map { SummaryKey(course: $0) })
        var pages = ["index.html"]
        for (id, outline) in zip(listed, outlines) {
            pages.append(id + "/index.html")
            pages += outline.entries.map { id + "/" + $0.slug + ".html" }
        }
        let sitemap = Data(SiteFeeds.sitemap(baseURL: base, pages: pages).utf8)
        let feed = Data(SiteFeeds.atom(baseURL: base, title: settings.siteTitle, entries: zip(courses, summaries).map { course, summary in
            SiteFeeds.Entry(id: course.id, title: course.title, summary: summary.blurb, created: course.priority.created)
        }).utf8)
        try context.write(environment.sitePath("sitemap.xml"), sitemap)
        try context.write(environment.sitePath("feed.xml"), feed)
        written += sitemap + feed
        return ContentHash(of: written).hex
    }
}
