import Effects
import EffectsTesting
import Engine
import Foundation
import Store
import Testing

@Suite struct EngineTests {
    @Test func aSecondBuildRunsNothingAndDoesNotRewriteTheTrace() async throws {
        // The builds happen a minute after the write: no source is racy (see RacyStatTests).
        let later = SystemWallClock().nanosecondsSinceEpoch() + 60_000_000_000
        let f = EngineFixture(clock: ManualWallClock(nanosecondsSinceEpoch: later))
        try f.write("a", "abc")
        let first = try await f.build([BuildKey("length", "a")])
        #expect(EngineFixture.ran(first) == ["upper:a", "length:a"])
        let stat = f.fileSystem.stat(f.root + "/.state/trace")

        let second = try await f.build([BuildKey("length", "a")])
        #expect(second.ran.isEmpty)
        #expect(second.tasksCached == 2)
        #expect(f.fileSystem.stat(f.root + "/.state/trace") == stat)
    }

    @Test func aRuleThatAsksForAlwaysRunsEveryBuildAndCutsOff() async throws {
        let f = EngineFixture()
        try f.write("remote", "main at 1")
        let first = try await f.build([BuildKey("above", "remote")])
        #expect(EngineFixture.ran(first) == ["poll:remote", "above:remote"])
        let second = try await f.build([BuildKey("above", "remote")])
        #expect(EngineFixture.ran(second) == ["poll:remote"] && second.tasksCutOff == 1)
        try f.write("remote", "main at 2")
        let third = try await f.build([BuildKey("above", "remote")])
        #expect(EngineFixture.ran(third) == ["poll:remote", "above:remote"])
    }

    @Test func aFilteredListingIgnoresOtherNames() async throws {
        let f = EngineFixture()
        try f.write("docs/a.md", "a")
        #expect(EngineFixture.ran(try await f.build([BuildKey("md", "docs")])) == ["md:docs"])
        try f.write("docs/a.pathway.yml", "x")
        #expect(try await f.build([BuildKey("md", "docs")]).ran.isEmpty)
        try f.write("docs/b.md", "b")
        #expect(EngineFixture.ran(try await f.build([BuildKey("md", "docs")])) == ["md:docs"])
    }

    @Test func anInputTheRuleWroteIsNotTakenForAnEdit() async throws {
        let f = EngineFixture()
        #expect(EngineFixture.ran(try await f.build([BuildKey("seed", "plan")])) == ["seed:plan"])
        #expect(try String(decoding: f.fileSystem.read(f.path("plan")), as: UTF8.self) == "seed")
        #expect(try await f.build([BuildKey("seed", "plan")]).ran.isEmpty)
        try f.write("plan", "edited by a person")
        #expect(EngineFixture.ran(try await f.build([BuildKey("seed", "plan")])) == ["seed:plan"])
        #expect(try String(decoding: f.fileSystem.read(f.path("plan")), as: UTF8.self) == "edited by a person")
    }

    @Test func anUnchangedValueCutsOffItsDependents() async throws {
        let f = EngineFixture()
        try f.write("a", "abc")
        try await f.build([BuildKey("length", "a")])
        try f.write("a", "ABC")  // different bytes, same uppercase value
        let summary = try await f.build([BuildKey("length", "a")])
        #expect(EngineFixture.ran(summary) == ["upper:a"])
        #expect(summary.tasksCutOff == 1)
        #expect(summary.ran[BuildKey("upper", "a")] == .inputChanged(.file(f.path("a"))))

        try f.write("a", "abcd")
        let changed = try await f.build([BuildKey("length", "a")])
        #expect(EngineFixture.ran(changed) == ["upper:a", "length:a"])
        #expect(changed.ran[BuildKey("length", "a")] == .inputChanged(BuildKey("upper", "a")))
    }

    @Test func dependenciesFoundWhileRunningAreTracked() async throws {
        let f = EngineFixture()
        try f.write("x", "x")
        try f.write("y", "y")
        try f.write("list", "x")
        let concat = BuildKey("concat", "list")
        #expect(EngineFixture.ran(try await f.build([concat])) == ["concat:list", "upper:x"])
        // y is not an input yet: editing it builds nothing.
        try f.write("y", "yy")
        #expect(try await f.build([concat]).ran.isEmpty)
        // Once listed, it is.
        try f.write("list", "x\ny")
        #expect(EngineFixture.ran(try await f.build([concat])) == ["concat:list", "upper:y"])
        try f.write("y", "yyy")
        #expect(EngineFixture.ran(try await f.build([concat])) == ["concat:list", "upper:y"])
    }

    @Test func oneSlotIsEnoughForDeepAndWideGraphs() async throws {
        let f = EngineFixture()
        for i in 0..<200 { try f.write("f\(i)", "file \(i)") }
        try f.write("list", (0..<200).map { "f\($0)" }.joined(separator: "\n"))
        let keys = [BuildKey("chain", "60"), BuildKey("concat", "list")]
        let narrow = try await f.build(keys, jobs: 1)
        #expect(narrow.tasksRun == 61 + 1 + 200)
        try f.write("f7", "changed")
        let wide = try await f.build(keys, jobs: 128)
        #expect(EngineFixture.ran(wide) == ["upper:f7", "concat:list"])
    }

    @Test func aFailureStopsTheBuildUnlessKeepGoing() async throws {
        let f = EngineFixture()
        for i in 0..<20 { try f.write("f\(i)", "\(i)") }
        let keys = [BuildKey("fail", "x")] + (0..<20).map { BuildKey("length", "f\($0)") }
        let stopped = try await f.build(keys, jobs: 1)
        #expect(stopped.tasksFailed == 1)
        #expect(stopped.failures.first?.message == "x is broken")
        #expect(stopped.tasksSkipped > 0)

        let going = try await f.build(keys, jobs: 1, keepGoing: true)
        #expect(going.tasksFailed == 1)
        #expect(going.tasksSkipped == 0)
        // Keep-going builds exactly the lengths the stopped build left.
        let lengths = Set((0..<20).map { BuildKey("length", "f\($0)") })
        let builtWhenStopped = lengths.filter { stopped.ran[$0] != nil }
        #expect(builtWhenStopped.count < 20)
        #expect(lengths.filter { going.ran[$0] != nil } == lengths.subtracting(builtWhenStopped))
        // A failed key is not recorded: it runs again next time.
        let again = try await f.build(keys, keepGoing: true)
        #expect(EngineFixture.ran(again) == [])
        #expect(again.tasksFailed == 1)
    }

    @Test func aLostValueIsRebuiltWithAWarning() async throws {
        let f = EngineFixture()
        let long = String(repeating: "long text ", count: 200)  // too big to live in the trace
        try f.write("a", long)
        try f.write("list", "a")
        try await f.build([BuildKey("concat", "list")])
        // Corrupt the stored value of upper:a, then make concat need it again.
        let hash = ContentHash(of: Data(long.uppercased().utf8))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: f.store.path(of: hash)))
        try f.write("b", "b")
        try f.write("list", "a\nb")
        let summary = try await f.build([BuildKey("concat", "list")])
        #expect(EngineFixture.ran(summary) == ["concat:list", "upper:a", "upper:b"])
        #expect(summary.ran[BuildKey("upper", "a")] == .valueLost)
        #expect(f.recorder.warnings.withLock { $0.contains { $0.contains("corrupt") } })
    }

    @Test func aRuleVersionChangeRebuildsThatKindOnly() async throws {
        let f = EngineFixture()
        try f.write("a", "abc")
        try await f.build([BuildKey("length", "a")])
        f.versions.withLock { $0["upper"] = 2 }
        let summary = try await f.build([BuildKey("length", "a")])
        #expect(EngineFixture.ran(summary) == ["upper:a"])
        #expect(summary.ran[BuildKey("upper", "a")] == .ruleChanged(from: 1, to: 2))
    }

    @Test func productsAreRestoredAndPrunedOnesDeleted() async throws {
        let f = EngineFixture()
        try f.write("a", "abc")
        try f.write("b", "def")
        try await f.build([BuildKey("out", "a"), BuildKey("out", "b")])
        #expect(try f.fileSystem.read(f.path("a.out")) == Data("ABC".utf8))
        try f.fileSystem.remove(f.path("a.out"))
        let restored = try await f.build([BuildKey("out", "a"), BuildKey("out", "b")])
        #expect(restored.ran[BuildKey("out", "a")] == .outputChanged(f.path("a.out")))
        #expect(f.fileSystem.stat(f.path("a.out")) != nil)
        // b is no longer a goal: its entry is pruned and its output deleted.
        try await f.build([BuildKey("out", "a")])
        #expect(f.fileSystem.stat(f.path("b.out")) == nil)
    }

    @Test func anUnreadableTraceRebuildsEverythingWithAWarning() async throws {
        let f = EngineFixture()
        try f.write("a", "abc")
        try await f.build([BuildKey("length", "a")])
        try f.fileSystem.write(f.root + "/.state/trace", Data("SBTRACE2 truncated".utf8), durable: false)
        let summary = try await f.build([BuildKey("length", "a")])
        #expect(summary.tasksRun == 2)
        #expect(f.recorder.warnings.withLock { $0.count } == 1)
    }
}

@Suite struct TraceTests {
    @Test func encodesAndDecodesEveryField() {
        let entries = [
            TraceEntry(key: .file("a"), digest: ContentHash(ofString: "a"), built: 3, changed: 2, version: 0,
                       dependencies: [], stat: FileStat(size: 3, mtime: 1_700_000_000_123_456_789, inode: 42, isDirectory: false),
                       inlineValue: nil, products: []),
            TraceEntry(key: BuildKey("page", "x/y.html"), digest: ContentHash(ofString: "b"), built: 3, changed: 3,
                       version: 7, dependencies: [0], stat: nil, inlineValue: Array("value".utf8),
                       products: [Product(path: "build/site/x/y.html",
                                          stat: FileStat(size: 10, mtime: 5, inode: 9, isDirectory: false))]),
        ]
        let trace = Trace(step: 3, entries: entries)
        let decoded = Trace.decode(trace.encode())
        #expect(decoded?.step == 3)
        #expect(decoded?.entries == entries)
        #expect(Trace.decode(trace.encode().dropLast()) == nil)
    }
}

/// Stored values: the fast path for strings writes what JSONEncoder writes.
@Suite struct StoredValueTests {
    @Test func stringsAreStoredAsJSONEncoderStoresThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in ["", "plain", "a/b", "quote \" and \\ back", "lines\n\r\t", "\u{01}\u{08}\u{0C}\u{1F}", "é ☃ 𝄞"] {
            #expect(try StoredValue.encode(text) == (try encoder.encode(text)), "\(text)")
            #expect(try StoredValue.decode(String.self, from: StoredValue.encode(text)) == text)
        }
    }
}
