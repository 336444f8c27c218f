import Catalog
import Engine
import Foundation
import Render

/// `outline:<id>` is the course's table of contents (chapters, or modules of an outline).
struct OutlineRule: TypedRule {
    let version = 2  // 2: typed value

    func compute(_ key: OutlineKey, in context: RuleContext) async throws -> Outline {
        let course = try await context.need(CourseKey(course: key.course))
        var entries: [Outline.Entry] = []
        switch course.source {
        case .content:
            let files = try await context.need(ChaptersKey(course: course.id))
            let titles = try await context.need(files.map(TitleKey.init(file:)))
            entries = zip(files, titles).map { Outline.Entry(slug: TitleRule.slug(of: $0), title: $1) }
        case .modules(let modules):
            entries = modules.enumerated().map { n, module in
                Outline.Entry(slug: String(format: "module-%02d", n + 1), title: module.title)
            }
        case .repo:
            let pathway = try await context.need(PathwayKey(course: course.id))
            entries = pathway.chosenOption.modules.map { Outline.Entry(slug: $0.id, title: $0.title, minutes: $0.minutes) }
        case .external:
            break  // Its pages are on the other site.
        }
        return Outline(courseID: course.id, courseTitle: course.title, entries: entries)
    }
}
