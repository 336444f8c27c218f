import Catalog
import Engine
import Foundation

/// `locate:<id>` is course `id`'s entry in the checked catalog: its file and the
/// prerequisites that build. It reruns whenever the catalog changes, and is cut off
/// unless this course's own entry changed; the catalog is decoded once per build and
/// searched by id (it is sorted), so adding a course costs O(N log N), not O(N²).
struct LocateRule: TypedRule {
    let version = 3  // 2: typed value; 3: external

    func compute(_ key: LocateKey, in context: RuleContext) async throws -> Catalog.Item {
        guard let item = try await context.need(CatalogKey()).course(key.course) else {
            throw PipelineError("no course '\(key.course)' builds in the catalog")
        }
        return item
    }
}
