import Engine
import Foundation

/// `coursepages:<id>` builds every page of one course; its value is the list of pages,
/// so it is cut off unless a page was added or removed.
struct CoursePagesRule: TypedRule {
    let version = 3  // 2: typed value; 3: and the course as data

    func compute(_ key: CoursePagesKey, in context: RuleContext) async throws -> [String] {
        let course = try await context.need(CourseKey(course: key.course))
        let outline = try await context.need(OutlineKey(course: key.course))
        var pages = [PageKey(.course(key.course))]
            + outline.entries.map { PageKey(.entry(course: key.course, slug: $0.slug)) }
        if course.source.isRepository { pages.append(PageKey(.sources(key.course))) }
        _ = try await context.need(pages)
        _ = try await context.need(CourseDataKey(course: key.course))
        return pages.map(\.name) + [CourseDataRule.path(key.course)]
    }
}
