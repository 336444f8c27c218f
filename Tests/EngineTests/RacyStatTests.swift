import Effects
import EffectsTesting
import Engine
import Foundation
import Testing

/// git's racy-clean rule: a source whose mtime was not safely older than the moment it was
/// read is hashed again by the next build, so a same-size rewrite within one timestamp tick
/// (same size, same mtime, same inode) is never missed.
@Suite struct RacyStatTests {
    /// Rewrites `name` in place with `text` (same inode) and puts its mtime back to `stat`'s.
    static func rewriteKeepingStat(_ f: EngineFixture, _ name: String, _ text: String, as stat: FileStat) throws {
        let handle = try #require(FileHandle(forWritingAtPath: f.path(name)))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let seconds = stat.mtime / 1_000_000_000, nanoseconds = stat.mtime % 1_000_000_000
        var times = [timespec(tv_sec: Int(seconds), tv_nsec: Int(nanoseconds)),
                     timespec(tv_sec: Int(seconds), tv_nsec: Int(nanoseconds))]
        #expect(utimensat(AT_FDCWD, f.path(name), &times, 0) == 0)
        #expect(f.fileSystem.stat(f.path(name)) == stat)
    }

    @Test func aSameSizeRewriteWithTheSameMtimeIsRebuiltWhenTheFirstReadWasRacy() async throws {
        let clock = ManualWallClock()
        let f = EngineFixture(clock: clock)
        try f.write("chapter", "abc")
        let written = try #require(f.fileSystem.stat(f.path("chapter")))
        // The build reads the chapter 1 ms after it was written: within one tick of some file systems.
        clock.set(nanosecondsSinceEpoch: written.mtime + 1_000_000)
        let first = try await f.build([BuildKey("upper", "chapter")])
        #expect(EngineFixture.ran(first) == ["upper:chapter"])

        try Self.rewriteKeepingStat(f, "chapter", "xyz", as: written)
        clock.advance(by: .seconds(60))
        let second = try await f.build([BuildKey("upper", "chapter")])
        #expect(second.ran[BuildKey("upper", "chapter")] == .inputChanged(.file(f.path("chapter"))))
        #expect(EngineFixture.ran(second) == ["upper:chapter"])

        // Read a minute after it was written, its stat is trusted again: a no-op runs nothing.
        let third = try await f.build([BuildKey("upper", "chapter")])
        #expect(third.ran.isEmpty)
    }

    @Test func aRacyReadOfUnchangedBytesRehashesButRunsNothing() async throws {
        let clock = ManualWallClock()
        let f = EngineFixture(clock: clock)
        try f.write("chapter", "abc")
        let written = try #require(f.fileSystem.stat(f.path("chapter")))
        clock.set(nanosecondsSinceEpoch: written.mtime)
        try await f.build([BuildKey("length", "chapter")])
        clock.advance(by: .seconds(60))
        let second = try await f.build([BuildKey("length", "chapter")])
        #expect(second.ran.isEmpty)
    }

    /// The limit the rule exists for: read long after it was written, a file whose stat is
    /// forged back is trusted (as git and ninja trust it). This is why the window matters.
    @Test func aStatReadLongAfterTheWriteIsTrusted() async throws {
        let clock = ManualWallClock()
        let f = EngineFixture(clock: clock)
        try f.write("chapter", "abc")
        let written = try #require(f.fileSystem.stat(f.path("chapter")))
        clock.set(nanosecondsSinceEpoch: written.mtime + 60_000_000_000)
        try await f.build([BuildKey("upper", "chapter")])
        try Self.rewriteKeepingStat(f, "chapter", "xyz", as: written)
        let second = try await f.build([BuildKey("upper", "chapter")])
        #expect(second.ran.isEmpty)
    }
}
