import Catalog
import Engine
import Foundation

/// `sources:<id>/<slug>` is the documents (by blob) one module draws on: a commit that
/// changes other documents leaves it, and the module, alone.
struct SourcesRule: TypedRule {
    let version = 2  // 2: typed value

    func compute(_ key: SourcesKey, in context: RuleContext) async throws -> [ScannedDocument] {
        let module = try await context.need(ModulePlanKey(course: key.course, slug: key.slug))
        let scan = try await context.need(ScanKey(course: key.course))
        let byPath = Dictionary(scan.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        return try module.documents.map { path in
            guard let document = byPath[path] else {
                throw PipelineError("module '\(key.slug)' of course '\(key.course)' draws on '\(path)', which the scan did not find")
            }
            return document
        }
    }
}
