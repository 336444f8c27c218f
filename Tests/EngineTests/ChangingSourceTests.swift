import Effects
import Engine
import Foundation
import Synchronization
import Testing

/// A file another process rewrites while the build reads it (issue 12: 13 of 30 builds
/// failed on a half-written catalog file): the engine reads it again until its stat holds
/// still across the read, so a rule never sees half a file.
@Suite struct ChangingSourceTests {
    /// The real file system, except that the first read of a file named `name` returns
    /// what is there (the first half) while the writer finishes writing the rest, as an
    /// in-place rewrite does.
    final class HalfWrittenOnce: FileSystem, Sendable {
        let base = LocalFileSystem()
        let name: String
        let full: Data
        private let done = Mutex(false)

        init(name: String, full: Data) {
            self.name = name
            self.full = full
        }

        func read(_ path: String) throws -> Data {
            let first = path.hasSuffix("/" + name) && done.withLock { done in defer { done = true }; return !done }
            guard first else { return try base.read(path) }
            let half = try base.read(path)
            try base.write(path, full, durable: false)  // the writer finishes: size and mtime change
            return half
        }

        func stat(_ path: String) -> FileStat? { base.stat(path) }
        func isSymbolicLink(_ path: String) -> Bool { base.isSymbolicLink(path) }
        func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat { try base.write(path, data, durable: durable) }
        func list(_ path: String) throws -> [String] { try base.list(path) }
        func createDirectory(_ path: String) throws { try base.createDirectory(path) }
        func remove(_ path: String) throws { try base.remove(path) }
        func appender(_ path: String) throws -> any FileAppender { try base.appender(path) }
    }

    @Test func aFileRewrittenDuringItsReadIsReadAgainWhole() async throws {
        let full = Data("---\nid: whole\ntitle: The whole file\n---\nAll of it.\n".utf8)
        let f = EngineFixture(fileSystem: HalfWrittenOnce(name: "course.md", full: full))
        try f.fileSystem.write(f.path("course.md"), Data(full.prefix(full.count / 2)), durable: false)
        try await f.build([BuildKey("copy", "course.md")])
        #expect(try f.fileSystem.read(f.path("course.md.out")) == full)
    }
}
