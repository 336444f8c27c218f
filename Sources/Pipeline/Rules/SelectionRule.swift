import Catalog
import Engine
import Foundation

/// `selection:` is the courses this build makes when it makes only some (`--subject`,
/// `--level`, `--shard`, `--limit`): their ids, sorted; nil for the whole catalog. The
/// criteria are a build input, so changing them reruns only what reads this key.
struct SelectionRule: TypedRule {
    let version = 1

    /// The build input holding the criteria (`CourseSelection.choosing`, encoded); empty
    /// for the whole catalog.
    static let input = "selection"

    func compute(_ key: SelectionKey, in context: RuleContext) async throws -> [String]? {
        let given = try await context.input(SelectionRule.input)
        guard !given.isEmpty else { return nil }
        let selection = try StoredValue.decode(CourseSelection.self, from: given)
        guard selection.isPartial else { return nil }
        return selection.chosen(from: try await context.need(FacetsKey())).map(\.id).sorted()
    }
}

/// `facets:` is every course of the catalog with its title, subject, level and priority
/// fields, in catalog order: what selection and `--priority` read (from each `course:`,
/// not `catalog:`, which every course reads: editing a title reruns only this).
struct FacetsRule: TypedRule {
    let version = 1

    func compute(_ key: FacetsKey, in context: RuleContext) async throws -> [CourseSelection.Candidate] {
        let catalog = try await context.need(CatalogKey())
        let courses = try await context.need(catalog.courses.map { CourseKey(course: $0.id) })
        return courses.map { course in
            CourseSelection.Candidate(id: course.id, facets: CourseFacets(title: course.title, subject: course.subject,
                                                                          level: course.level.rawValue, priority: course.priority))
        }
    }
}

/// `facets:` — see `FacetsRule`.
struct FacetsKey: SingletonKey {
    typealias Value = [CourseSelection.Candidate]
    static let kind = "facets"
}

/// `selection:` — see `SelectionRule`.
struct SelectionKey: SingletonKey {
    typealias Value = [String]?
    static let kind = "selection"
}
