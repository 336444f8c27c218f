import Catalog
import Engine
import Markup
import Render

/// `<id>/index.html`: a course's front page, with its prerequisites and, for a repository
/// course, its pathway; for an imported course what its site says and the way there.
struct CoursePage {
    let environment: PipelineEnvironment

    func render(_ id: String, _ renderer: SiteRenderer, _ context: RuleContext) async throws -> String {
        let course = try await context.need(CourseKey(course: id))
        let outline = try await context.need(OutlineKey(course: id))
        let building = try await context.need(LocateKey(course: id)).prerequisites
        let required = try await context.need(building.map(SummaryKey.init(course:)))
        if let link = course.source.external {
            // The courses that name this one (the project's own, or other imported ones).
            let requiredBy = try await context.need(try await context.need(RequiredByKey(course: id)).map(SummaryKey.init(course:)))
            return renderer.external(course, link: link, prerequisites: required, requiredBy: requiredBy)
        }
        let pathway = course.source.isRepository ? try await RepositoryPages(environment: environment).pathway(course, context) : nil
        let outputs = try await context.outputs(of: course)
        let downloads = CoursePage.downloads.filter { outputs.contains($0.output) }.map {
            SiteRenderer.Download(label: $0.label, href: Href.encoded(id) + "." + $0.ext, note: $0.note)
        }
        return renderer.course(course, outline: outline, prerequisites: required, pathway: pathway, downloads: downloads)
    }

    /// The packages a course page offers, in the order shown.
    static let downloads: [(output: Output, ext: String, label: String, note: String)] = [
        (.epub, "epub", "EPUB", "for e-readers and phones"),
        (.pdf, "pdf", "PDF", "to print or read on a large screen"),
        (.cartridge, "imscc", "Common Cartridge", "to import into Moodle, Canvas or another learning platform"),
        (.anki, "apkg", "Anki deck", "the flashcards and questions, for spaced repetition"),
    ]
}
