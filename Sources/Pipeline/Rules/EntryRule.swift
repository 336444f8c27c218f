import Catalog
import Diagnostics
import Engine
import Foundation

/// `entry:<file>` parses one catalog file: its id, prerequisites and diagnostics.
struct EntryRule: TypedRule {
    let version = 3  // 3: a byte-order mark, CRLF; UTF-16 reported
    let environment: PipelineEnvironment

    func compute(_ key: EntryKey, in context: RuleContext) async throws -> CatalogEntry {
        let bytes = try await context.read(environment.projectPath(key.file))
        let text: String
        do {
            text = try SourceText.decode(bytes)
        } catch {
            // A file in another encoding is one broken course, reported like any other.
            let top = SourceLocation(file: key.file, line: 1, column: 1)
            return CatalogEntry(file: key.file, id: nil, idLocation: top, prerequisites: [],
                                diagnostics: [.error("\(error)", at: top)])
        }
        return CourseReader.read(text, file: key.file).entry
    }
}
