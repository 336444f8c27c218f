import Catalog
import Diagnostics
import Effects
import Engine
import Foundation

/// `entry:<file>` parses one catalog file: its id, prerequisites and diagnostics.
struct EntryRule: TypedRule {
    let version = 6  // 3: a byte-order mark, CRLF; UTF-16 reported; 4: unreadable and huge files reported; 5: packaged; 6: external
    let environment: PipelineEnvironment

    /// The largest course file read; a catalog file is a page of fields and a description.
    /// scrollbuild.yml and pathway files have the same limit.
    static let sizeLimit = 1_000_000

    func compute(_ key: EntryKey, in context: RuleContext) async throws -> CatalogEntry {
        let top = SourceLocation(file: key.file, line: 1, column: 1)
        // A file that cannot be read, is too big or is in another encoding is one broken
        // course, reported like any other.
        func broken(_ message: String) -> CatalogEntry {
            CatalogEntry(file: key.file, id: nil, idLocation: top, prerequisites: [], diagnostics: [.error(message, at: top)])
        }
        let bytes: Data
        do {
            bytes = try await context.read(environment.projectPath(key.file))
        } catch let error as FileSystemError {
            return broken("cannot read the file: it \(error.reason)")
        }
        guard bytes.count <= EntryRule.sizeLimit else {
            return broken("the file is \(bytes.count / 1_000) kB; a course file may be at most \(EntryRule.sizeLimit / 1_000) kB")
        }
        do {
            return CourseReader.read(try SourceText.decode(bytes), file: key.file).entry
        } catch {
            return broken("\(error)")
        }
    }
}
