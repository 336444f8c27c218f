import Effects
import Engine
import Foundation
import Store
import Synchronization

/// A temporary folder, a few small rules over its files, and a way to build them,
/// recording which rules ran (ninja's `commands_ran_`).
final class EngineFixture: Sendable {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)").path
    let recorder = Recorder()
    let fileSystem: any FileSystem
    let versions = Mutex<[String: Int]>([:])
    /// The real clock unless a test wants to place the builds in time.
    let clock: any WallClock

    init(clock: any WallClock = SystemWallClock(), fileSystem: any FileSystem = LocalFileSystem()) {
        self.clock = clock
        self.fileSystem = fileSystem
        try? fileSystem.createDirectory(root)
    }

    func path(_ name: String) -> String { root + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try fileSystem.write(path(name), Data(text.utf8), durable: false)
    }

    var store: BlobStore { BlobStore(root: root + "/.state", fileSystem: fileSystem, warn: { _ in }) }

    func rules() -> [any Rule] {
        let version = versions.withLock { $0 }
        return [
            // upper:<file> — the file's text, uppercased.
            TestRule(kind: "upper", version: version["upper"] ?? 1) { key, context in
                Data(String(decoding: try await context.read(self.path(key.name)), as: UTF8.self).uppercased().utf8)
            },
            // copy:<file> — the file's text, written to <file>.out.
            TestRule(kind: "copy", version: 1) { key, context in
                let bytes = try await context.read(self.path(key.name))
                try context.write(self.path(key.name + ".out"), bytes)
                return bytes
            },
            // length:<file> — the length of upper:<file>.
            TestRule(kind: "length", version: 1) { key, context in
                Data("\(try await context.need(BuildKey("upper", key.name)).count)".utf8)
            },
            // concat:<list> — upper of every file named in the list file (dynamic dependencies).
            TestRule(kind: "concat", version: 1) { key, context in
                let names = String(decoding: try await context.read(self.path(key.name)), as: UTF8.self)
                    .split(separator: "\n").map { BuildKey("upper", String($0)) }
                return try await context.need(names).reduce(Data(), +)
            },
            // chain:<n> — needs chain:<n-1>, one at a time, down to 0.
            TestRule(kind: "chain", version: 1) { key, context in
                let n = Int(key.name) ?? 0
                if n == 0 { return Data("0".utf8) }
                let below = try await context.need(BuildKey("chain", "\(n - 1)"))
                return Data("\(n)+".utf8) + below.prefix(8)
            },
            // fail:<x> — always throws.
            TestRule(kind: "fail", version: 1) { key, _ in throw TestFailure(message: "\(key.name) is broken") },
            // poll:<file> — reads a file in every build (as a fetch asks a remote); cut off when it reads the same.
            TestRule(kind: "poll", version: 1) { key, context in
                try await context.alwaysRerun()
                return try self.fileSystem.read(self.path(key.name))
            },
            // above:<poll> — the poll's value, uppercased.
            TestRule(kind: "above", version: 1) { key, context in
                Data(String(decoding: try await context.need(BuildKey("poll", key.name)), as: UTF8.self).uppercased().utf8)
            },
            // md:<folder> — the names of the folder's .md files.
            TestRule(kind: "md", version: 1) { key, context in
                Data(try await context.list(self.path(key.name), suffixes: [".md"]).joined(separator: ",").utf8)
            },
            // seed:<file> — the file as written, or "seed" written to it when there is none.
            TestRule(kind: "seed", version: 1) { key, context in
                let path = self.path(key.name)
                if try await context.exists(path) { return try await context.read(path) }
                try await context.writeInput(path, Data("seed".utf8))
                return Data("seed".utf8)
            },
            // out:<file> — writes upper:<file> to <file>.out.
            TestRule(kind: "out", version: 1) { key, context in
                let value = try await context.need(BuildKey("upper", key.name))
                try context.write(self.path(key.name + ".out"), value)
                return Data()
            },
        ]
    }

    /// Builds `keys` with a new engine (as a new process would) and returns what happened.
    @discardableResult
    func build(_ keys: [BuildKey], jobs: Int = 4, keepGoing: Bool = false, prune: Bool = true,
               valueBudget: Int = 64 << 20) async throws -> BuildSummary {
        let engine = Engine(rules: rules(), fileSystem: fileSystem, store: store, tracePath: root + "/.state/trace",
                            jobs: jobs, keepGoing: keepGoing, observer: recorder, clock: clock, valueBudget: valueBudget)
        return try await engine.build(prune: prune) { context in
            _ = try await context.need(keys)
        }.summary
    }

    /// The keys that ran, as strings.
    static func ran(_ summary: BuildSummary) -> Set<String> { Set(summary.ran.keys.map(\.rawValue)) }
}

struct TestRule: Rule {
    let kind: String
    let version: Int
    let body: @Sendable (BuildKey, RuleContext) async throws -> Data

    init(kind: String, version: Int, body: @escaping @Sendable (BuildKey, RuleContext) async throws -> Data) {
        self.kind = kind
        self.version = version
        self.body = body
    }

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        try await body(key, context)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Keeps the warnings the engine gives.
final class Recorder: BuildObserver {
    let warnings = Mutex<[String]>([])
    func started(_ key: BuildKey, reason: RunReason) {}
    func finished(_ key: BuildKey, cutOff: Bool) {}
    func failed(_ failure: BuildFailure) {}
    func warning(_ message: String) { warnings.withLock { $0.append(message) } }
}
