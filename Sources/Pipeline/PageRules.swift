import Catalog
import Engine
import Foundation
import Markup
import Render
import Store

/// `templates:` is the theme's Mustache templates (every `*.mustache` in the templates folder).
struct TemplatesRule: Rule {
    let kind = "templates"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let folder = try await context.settings().templatesPath
        var sources: [String: String] = [:]
        for name in try await context.list(environment.projectPath(folder)) where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] =
                try await context.readText(environment.projectPath(folder + "/" + name))
        }
        _ = try SiteTemplates(sources)  // fail here, once, rather than on every page
        return try StoredJSON.encode(sources)
    }
}

/// `page:<path>` renders one HTML page into the site folder. Its value is the page's
/// digest; the page itself is a product, restored if someone deletes or edits it.
struct PageRule: Rule {
    let kind = "page"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let path = key.name
        let renderer = try await self.renderer(context)
        let html: String
        let parts = path.split(separator: "/").map(String.init)
        if parts == ["index.html"] {
            let catalog = try await context.need(Keys.catalog, as: Catalog.self)
            // A course that failed to build is left off the index; the others are listed.
            let summaries = try await context.needEach(catalog.courses.map { Keys.summary($0.id) })
                .compactMap { try? $0.get() }.map { try StoredJSON.decode(CourseSummary.self, from: $0) }
            html = renderer.index(summaries)
        } else if parts.count == 2, parts[1] == "index.html" {
            let course = try await environment.need(Keys.course(parts[0]), as: Course.self, in: context)
            let outline = try await environment.need(Keys.outline(parts[0]), as: Outline.self, in: context)
            let building = try await context.need(Keys.locate(parts[0]), as: Catalog.Item.self).prerequisites
            let required = try await context.need(building.map(Keys.summary), as: CourseSummary.self)
            let pathway = course.source.kind == "repo" ? try await RepoPages(environment: environment).pathway(course, context) : nil
            html = renderer.course(course, outline: outline, prerequisites: required, pathway: pathway)
        } else if parts.count == 2, parts[1] == "sources.html" {
            let course = try await environment.need(Keys.course(parts[0]), as: Course.self, in: context)
            html = renderer.sources(course, documents: try await RepoPages(environment: environment).sources(course, context))
        } else if parts.count == 2, parts[1].hasSuffix(".html") {
            html = try await entryPage(course: parts[0], slug: String(parts[1].dropLast(5)), renderer, context)
        } else {
            throw PipelineError("no page is made at '\(path)'")
        }
        let bytes = Data(html.utf8)
        try context.write(environment.sitePath(path), bytes)
        return Data(ContentHash(of: bytes).hex.utf8)
    }

    private func entryPage(course id: String, slug: String, _ renderer: SiteRenderer,
                           _ context: RuleContext) async throws -> String {
        let outline = try await environment.need(Keys.outline(id), as: Outline.self, in: context)
        guard let position = outline.entries.firstIndex(where: { $0.slug == slug }) else {
            throw PipelineError("course '\(id)' has no page '\(slug)'")
        }
        let course = try await environment.need(Keys.course(id), as: Course.self, in: context)
        if case .modules(let modules) = course.source {
            let result = try await context.need(Keys.generate(id, slug), as: ModuleResult.self)
            let module = modules[position]
            return renderer.module(outline: outline, at: position, title: module.title, lectures: module.lectures,
                                   summary: module.summary, result: result, citations: [])
        }
        if course.source.kind == "repo" {
            let result = try await context.need(Keys.generate(id, slug), as: ModuleResult.self)
            let planned = try await context.need(Keys.modulePlan(id, slug), as: Pathway.PlannedModule.self)
            let citations = try await RepoPages(environment: environment).citations(course, slug: slug, context)
            return renderer.module(outline: outline, at: position, title: planned.title, lectures: planned.objectives,
                                   summary: nil, result: result, citations: citations)
        }
        let folder = try await settings(context).contentPath + "/" + id
        let text = try await context.readText(environment.projectPath(folder + "/" + slug + ".md"))
        return renderer.chapter(outline: outline, at: position, html: MarkdownDocument(text).html())
    }

    private func settings(_ context: RuleContext) async throws -> ProjectSettings {
        try await environment.need(Keys.settings, as: SettingsRule.Value.self, in: context).settings
    }

    private func renderer(_ context: RuleContext) async throws -> SiteRenderer {
        let templates = try environment.templates(try await context.needValue(Keys.templates))
        let settings = try await settings(context)
        return SiteRenderer(templates: templates,
                            site: SiteInfo(title: settings.siteTitle, description: settings.siteDescription))
    }
}

/// `asset:<name>` copies a file of the theme (the stylesheet) into the site folder.
struct AssetRule: Rule {
    let kind = "asset"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let folder = try await context.settings().templatesPath
        let bytes = try await context.read(environment.projectPath(folder + "/" + key.name))
        try context.write(environment.sitePath(key.name), bytes)
        return Data(ContentHash(of: bytes).hex.utf8)
    }
}

/// `coursepages:<id>` builds every page of one course; its value is the list of pages,
/// so it is cut off unless a page was added or removed.
struct CoursePagesRule: Rule {
    let kind = "coursepages"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await context.need(Keys.course(key.name), as: Course.self)
        let outline = try await context.need(Keys.outline(key.name), as: Outline.self)
        var pages = ["\(key.name)/index.html"] + outline.entries.map { "\(key.name)/\($0.slug).html" }
        if course.source.kind == "repo" { pages.append("\(key.name)/sources.html") }
        _ = try await context.need(pages.map(Keys.page))
        return try StoredJSON.encode(pages)
    }
}

/// `site:` is the whole site: the index, the stylesheet and every course that builds.
struct SiteRule: Rule {
    let kind = "site"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let catalog = try await context.need(Keys.catalog, as: Catalog.self)
        let keys = [Keys.page("index.html"), Keys.asset("style.css")] + catalog.courses.map { Keys.coursePages($0.id) }
        _ = try await context.need(keys)
        return try StoredJSON.encode(catalog.courses.map(\.id))
    }
}
