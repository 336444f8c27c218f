import Effects
import Engine
import Foundation
import Synchronization
import Testing

/// Values past the engine's memory budget are let go of and read back when a rule asks
/// for them again: a large one from the store, a small one from the journal's record.
@Suite struct HeldValuesTests {
    /// The real file system, counting reads of stored values and of journal records.
    final class CountingReads: FileSystem, Sendable {
        let base = LocalFileSystem()
        let storeReads = Mutex(0)
        let journalReads = Counter()

        final class Counter: Sendable {
            let count = Mutex(0)
        }

        struct CountingReader: FileReader {
            let base: any FileReader
            let counter: Counter
            func read(offset: Int, count: Int) throws -> [UInt8] {
                counter.count.withLock { $0 += 1 }
                return try base.read(offset: offset, count: count)
            }
        }

        func read(_ path: String) throws -> Data {
            if path.contains("/objects/") { storeReads.withLock { $0 += 1 } }
            return try base.read(path)
        }
        func reader(_ path: String) throws -> any FileReader {
            let reader = try base.reader(path)
            return path.hasSuffix(".journal") ? CountingReader(base: reader, counter: journalReads) : reader
        }
        func stat(_ path: String) -> FileStat? { base.stat(path) }
        func isSymbolicLink(_ path: String) -> Bool { base.isSymbolicLink(path) }
        func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat { try base.write(path, data, durable: durable) }
        func writeChunks(_ path: String, _ produce: (([UInt8]) throws -> Void) throws -> Void) throws -> FileStat {
            try base.writeChunks(path, produce)
        }
        func list(_ path: String) throws -> [String] { try base.list(path) }
        func createDirectory(_ path: String) throws { try base.createDirectory(path) }
        func remove(_ path: String) throws { try base.remove(path) }
        func appender(_ path: String) throws -> any FileAppender { try base.appender(path) }
    }

    /// `upper:big.txt` (3,000 bytes: in the store) and `upper:small.txt` (in the trace) are
    /// each needed by three rules, one at a time (`-j 1`), after they finished.
    func build(budget: Int) async throws -> (outputs: [String], storeReads: Int, journalReads: Int) {
        let counting = CountingReads()
        let f = EngineFixture(fileSystem: counting)
        try f.write("big.txt", String(repeating: "abc ", count: 750))
        try f.write("small.txt", "just a few words")
        try f.write("list", "big.txt\nsmall.txt\nbig.txt")
        let keys = ["big.txt", "small.txt"].flatMap { [BuildKey("upper", $0), BuildKey("length", $0), BuildKey("out", $0)] }
            + [BuildKey("concat", "list")]
        let summary = try await f.build(keys, jobs: 1, valueBudget: budget)
        #expect(summary.tasksFailed == 0)
        let outputs = try ["big.txt.out", "small.txt.out"].map { String(decoding: try f.fileSystem.read(f.path($0)), as: UTF8.self) }
        let engine = Engine(rules: f.rules(), fileSystem: counting, store: f.store, tracePath: f.root + "/.state/trace",
                            jobs: 1, keepGoing: false, observer: f.recorder, clock: f.clock)
        let values = try await engine.build(prune: false) { context in
            try await context.need([BuildKey("length", "big.txt"), BuildKey("length", "small.txt"), BuildKey("concat", "list")])
        }.goal ?? []
        return (outputs + values.map { String(decoding: $0, as: UTF8.self) }, counting.storeReads.withLock { $0 },
                counting.journalReads.count.withLock { $0 })
    }

    @Test func valuesLetGoOfAreReadBackWhole() async throws {
        let held = try await build(budget: 64 << 20)
        let letGo = try await build(budget: 0)
        #expect(held.outputs == letGo.outputs)
        #expect(held.outputs[0] == String(repeating: "ABC ", count: 750))
        #expect(held.outputs[1] == "JUST A FEW WORDS")
        #expect(held.outputs[2] == "3000" && held.outputs[3] == "16")
        #expect(held.outputs[4].count == 6016)
        // Within the budget, a value is read back only by the build after (the large one,
        // from the store) and by the trace's assembly (each entry, from the journal); with
        // none, a rule that asks for a finished value reads it back.
        #expect(letGo.storeReads > held.storeReads, "store reads: \(held.storeReads) held, \(letGo.storeReads) let go")
        #expect(letGo.journalReads > held.journalReads, "journal reads: \(held.journalReads) held, \(letGo.journalReads) let go")
    }
}
