import Effects
import EffectsTesting
import Engine
import Foundation
import Synchronization
import Testing

/// Issue 15: finished tasks are appended to a journal as they finish; a small build
/// appends instead of rewriting the trace, a torn last record is ignored, and the journal
/// is folded into the trace once it outgrows a quarter of it.
@Suite struct JournalTests {
    static let files = (0..<40).map { "f\($0)" }
    static let goals = files.map { BuildKey("length", $0) }

    /// A fixture whose builds happen a minute after its writes (no source is racy).
    static func fixture() throws -> (EngineFixture, ManualWallClock) {
        let clock = ManualWallClock(nanosecondsSinceEpoch: SystemWallClock().nanosecondsSinceEpoch() + 60_000_000_000)
        let f = EngineFixture(clock: clock)
        for name in files { try f.write(name, "text of \(name)") }
        return (f, clock)
    }

    static func journal(_ f: EngineFixture) -> String { f.root + "/.state/trace.journal" }
    static func trace(_ f: EngineFixture) -> String { f.root + "/.state/trace" }

    @Test func anEditAppendsToTheJournalAndLeavesTheTraceAlone() async throws {
        let (f, _) = try Self.fixture()
        try await f.build(Self.goals)
        #expect(f.fileSystem.stat(Self.journal(f)) == nil, "a full build folds its journal into the trace")
        let traceStat = f.fileSystem.stat(Self.trace(f))

        try f.write("f3", "a longer text of f3")
        let edit = try await f.build(Self.goals)
        #expect(EngineFixture.ran(edit) == ["upper:f3", "length:f3"])
        #expect(f.fileSystem.stat(Self.trace(f)) == traceStat, "the trace was rewritten for one edit")
        #expect((f.fileSystem.stat(Self.journal(f))?.size ?? 0) > 0)

        #expect(try await f.build(Self.goals).ran.isEmpty, "the journal's records were not read back")
        try f.write("f4", "f4, edited")
        #expect(EngineFixture.ran(try await f.build(Self.goals)) == ["upper:f4", "length:f4"])
        #expect(try await f.build(Self.goals).ran.isEmpty)
        #expect(f.fileSystem.stat(Self.trace(f)) == traceStat)
    }

    /// The real file system, except that journal appends fail after the first `allowed`
    /// (a disk that filled up during the build).
    final class FailingAppends: FileSystem, Sendable {
        let base = LocalFileSystem()
        let allowed: Int
        let appends = Mutex(0)

        init(allowed: Int) { self.allowed = allowed }

        struct Appender: FileAppender {
            let base: any FileAppender
            let owner: FailingAppends
            func append(_ data: [UInt8]) throws {
                let n = owner.appends.withLock { n in defer { n += 1 }; return n }
                guard n < owner.allowed else { throw FileSystemError(path: "journal", operation: "append to", reason: "No space left") }
                try base.append(data)
            }
            func sync() throws { try base.sync() }
        }

        func appender(_ path: String) throws -> any FileAppender { Appender(base: try base.appender(path), owner: self) }
        func reader(_ path: String) throws -> any FileReader { try base.reader(path) }
        func read(_ path: String) throws -> Data { try base.read(path) }
        func stat(_ path: String) -> FileStat? { base.stat(path) }
        func isSymbolicLink(_ path: String) -> Bool { base.isSymbolicLink(path) }
        func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat { try base.write(path, data, durable: durable) }
        func writeChunks(_ path: String, _ produce: (([UInt8]) throws -> Void) throws -> Void) throws -> FileStat {
            try base.writeChunks(path, produce)
        }
        func list(_ path: String) throws -> [String] { try base.list(path) }
        func createDirectory(_ path: String) throws { try base.createDirectory(path) }
        func remove(_ path: String) throws { try base.remove(path) }
    }

    /// The build's entries live in the journal until its end assembles the trace: those
    /// the journal could not take (appends failing midway) are kept in memory, and the
    /// trace written at the end holds every one of them.
    @Test func aJournalThatStopsTakingRecordsLosesNoTask() async throws {
        let clock = ManualWallClock(nanosecondsSinceEpoch: SystemWallClock().nanosecondsSinceEpoch() + 60_000_000_000)
        let failing = FailingAppends(allowed: 5)
        let f = EngineFixture(clock: clock, fileSystem: failing)
        for name in Self.files { try f.write(name, "text of \(name)") }
        let first = try await f.build(Self.goals, jobs: 1)
        #expect(first.tasksRun == 80 && first.tasksFailed == 0)
        #expect(failing.appends.withLock { $0 } > 5, "the journal never failed")
        #expect(try await f.build(Self.goals).ran.isEmpty, "tasks whose records the journal did not take ran again")
    }

    @Test func aTornLastRecordIsIgnoredAndOnlyItsTaskRunsAgain() async throws {
        let (f, _) = try Self.fixture()
        try await f.build(Self.goals)
        try f.write("f3", "a longer text of f3")
        try await f.build(Self.goals)
        // The last record written is length:f3's (it finished after upper:f3): cut it short.
        let journal = try f.fileSystem.read(Self.journal(f))
        try f.fileSystem.write(Self.journal(f), journal.dropLast(3), durable: false)

        #expect(EngineFixture.ran(try await f.build(Self.goals)) == ["length:f3"])
        #expect(try await f.build(Self.goals).ran.isEmpty, "the torn tail hid the record appended after it")
        #expect(String(decoding: try await Self.value(f, BuildKey("length", "f3")), as: UTF8.self) == "19")
    }

    @Test func aJournalOfAnotherTraceIsIgnored() async throws {
        let (f, _) = try Self.fixture()
        try await f.build(Self.goals)
        try f.write("f3", "a longer text of f3")
        try await f.build(Self.goals)
        let stale = try f.fileSystem.read(Self.journal(f))
        // Another edit of f3, and a failure: entries are dropped, so the trace is rewritten
        // and the journal removed.
        try f.write("f3", "f3 once more")
        try f.fileSystem.remove(f.path("f6"))
        _ = try? await f.build(Self.goals, keepGoing: true)
        #expect(f.fileSystem.stat(Self.journal(f)) == nil)
        // The old journal back, as a crash between writing the trace and removing it leaves
        // it: its record of f3 would make f3's tasks run again if it were applied.
        try f.fileSystem.write(Self.journal(f), stale, durable: false)
        try f.write("f6", "text of f6")
        #expect(EngineFixture.ran(try await f.build(Self.goals)) == ["upper:f6", "length:f6"])
        #expect(String(decoding: try await Self.value(f, BuildKey("upper", "f3")), as: UTF8.self) == "F3 ONCE MORE")
    }

    @Test func theJournalIsFoldedIntoTheTraceOnceItOutgrowsAQuarterOfIt() async throws {
        let (f, _) = try Self.fixture()
        try await f.build(Self.goals)
        let traceSize = Int(f.fileSystem.stat(Self.trace(f))!.size)
        var appended = 0
        for round in 1...40 {
            try f.write("f\(round % 40)", "edit \(round) of a file, longer than before")
            let ran = EngineFixture.ran(try await f.build(Self.goals))
            #expect(ran.contains("upper:f\(round % 40)"))
            guard let journal = f.fileSystem.stat(Self.journal(f)) else { break }
            #expect(Int(journal.size) <= traceSize / 4)
            appended = round
        }
        #expect(appended >= 3, "folded too early")
        #expect(appended < 40, "never folded")
        #expect(f.fileSystem.stat(Self.journal(f)) == nil)
        #expect(try await f.build(Self.goals).ran.isEmpty)
    }

    /// A key's value, read through a build of that key alone.
    static func value(_ f: EngineFixture, _ key: BuildKey) async throws -> Data {
        let engine = Engine(rules: f.rules(), fileSystem: f.fileSystem, store: f.store, tracePath: trace(f),
                            jobs: 1, keepGoing: false, observer: f.recorder, clock: f.clock)
        return try await engine.build(prune: false) { try await $0.need(key) }.goal!
    }
}
