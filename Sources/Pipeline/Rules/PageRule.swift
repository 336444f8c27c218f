import Engine
import Foundation
import Render
import Store

/// `page:<path>` renders one HTML page into the site folder. Its value is the page's
/// digest; the page itself is a product, restored if someone deletes or edits it.
///
/// One rule serves every page kind, so that a page's key is its path (what `explain`
/// takes); each kind is written by its own type in `Pages/`.
struct PageRule: TypedRule {
    let version = 14  // 14: imported courses; 11: the index links the prerequisite map; 12: a course page has the sidebar; 13: downloads; 3 to 7: links resolved, images copied, the overview opening, answers and prompts as Markdown; 8: chapters' images and links; 9: table alignment as CSS; 10: syntax highlighting
    let environment: PipelineEnvironment

    func compute(_ key: PageKey, in context: RuleContext) async throws -> String {
        let renderer = try await PageRule.renderer(context)
        let html: String
        switch key.page {
        case .index: html = try await IndexPage().render(renderer, context)
        case .imported: html = try await IndexPage().renderImported(renderer, context)
        case .course(let id): html = try await CoursePage(environment: environment).render(id, renderer, context)
        case .sources(let id): html = try await SourcesPage(environment: environment).render(id, renderer, context)
        case .entry(let id, let slug):
            html = try await EntryPage(environment: environment).render(id, slug: slug, renderer, context)
        }
        let bytes = Data(html.utf8)
        try context.write(environment.sitePath(key.path), bytes)
        return ContentHash(of: bytes).hex
    }

    static func renderer(_ context: RuleContext) async throws -> SiteRenderer {
        let theme = try await context.need(TemplatesKey())
        let settings = try await context.settings()
        return SiteRenderer(templates: theme.templates,
                            site: SiteInfo(title: settings.siteTitle, description: settings.siteDescription))
    }
}
