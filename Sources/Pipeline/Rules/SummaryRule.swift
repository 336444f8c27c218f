import Catalog
import Engine
import Foundation
import Markup
import Render

/// `summary:<id>` is what the index (and courses that require this one) show of it.
struct SummaryRule: TypedRule {
    let version = 3  // 2: typed value; 3: provider

    func compute(_ key: SummaryKey, in context: RuleContext) async throws -> CourseSummary {
        let course = try await context.need(CourseKey(course: key.course))
        let outline = try await context.need(OutlineKey(course: key.course))
        let blurb = MarkdownDocument(course.description).firstParagraph ?? ""
        return CourseSummary(id: course.id, title: course.title, subject: course.subject,
                             level: course.level.rawValue, blurb: blurb, pageCount: outline.entries.count,
                             provider: course.source.external?.providerName)
    }
}
