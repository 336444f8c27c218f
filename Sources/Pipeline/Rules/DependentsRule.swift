import Catalog
import Engine
import Foundation

/// `dependents:` maps each course that another names as a prerequisite to the courses that
/// name it (sorted): one pass over the catalog, whichever courses ask.
struct DependentsRule: TypedRule {
    let version = 1

    func compute(_ key: DependentsKey, in context: RuleContext) async throws -> [String: [String]] {
        var dependents: [String: [String]] = [:]
        for course in try await context.need(CatalogKey()).courses {
            for prerequisite in course.prerequisites { dependents[prerequisite, default: []].append(course.id) }
        }
        return dependents
    }
}

/// `requiredby:<id>`: the courses that name course `id` as a prerequisite, what an imported
/// course's page lists. Cut off unless they change, so a page reruns only for its own.
struct RequiredByRule: TypedRule {
    let version = 1

    func compute(_ key: RequiredByKey, in context: RuleContext) async throws -> [String] {
        try await context.need(DependentsKey())[key.course] ?? []
    }
}
