import Catalog
import Engine
import Foundation

/// `entry:<file>` parses one catalog file: its id, prerequisites and diagnostics.
struct EntryRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: EntryKey, in context: RuleContext) async throws -> CatalogEntry {
        let text = try await context.readText(environment.projectPath(key.file))
        return CourseReader.read(text, file: key.file).entry
    }
}
