import Catalog
import Engine
import Markup
import Render

/// `<id>/<slug>.html`: a hand-written chapter, or a generated module with its score and,
/// for a repository course, its citations.
struct EntryPage {
    let environment: PipelineEnvironment

    func render(_ id: String, slug: String, _ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let outline = try await context.need(OutlineKey(course: id))
        guard let position = outline.entries.firstIndex(where: { $0.slug == slug }) else {
            throw PipelineError("course '\(id)' has no page '\(slug)'")
        }
        let course = try await context.need(CourseKey(course: id))
        switch course.source {
        case .modules(let modules):
            let result = try await context.need(GenerateKey(course: id, slug: slug))
            let module = modules[position]
            return renderer.module(outline: outline, at: position, title: module.title, lectures: module.lectures,
                                   summary: module.summary, result: result, citations: [])
        case .repo:
            var result = try await context.need(GenerateKey(course: id, slug: slug))
            result.module = try await ModuleLinks(course: course, environment: environment, context: context)
                .resolve(result.module, in: context)
            let planned = try await context.need(ModulePlanKey(course: id, slug: slug))
            let citations = try await RepositoryPages(environment: environment).citations(course, slug: slug, context)
            return renderer.module(outline: outline, at: position, title: planned.title, lectures: planned.objectives,
                                   summary: nil, result: result, citations: citations)
        case .external:
            throw PipelineError("course '\(id)' is published by another site; it has no pages here but its own")
        case .content:
            let folder = try await context.settings().contentPath + "/" + id
            let file = folder + "/" + slug + ".md"
            let text = try await context.readText(environment.projectPath(file))
            let links = ChapterLinks(course: id, file: file, chapters: Set(outline.entries.map(\.slug)), environment: environment)
            let resolved = try await links.resolve(text, in: context)
            return renderer.chapter(outline: outline, at: position, html: MarkdownDocument(resolved).html())
        }
    }
}
