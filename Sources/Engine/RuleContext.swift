import Effects
import Foundation
import Store
import Synchronization

/// What a running rule may do: ask for other keys' values, read files and folders, and
/// write output files. Every call is recorded as a dependency (or a product) of the rule's
/// key, in order, which is what lets the engine skip the rule next time.
public final class RuleContext: Sendable {
    /// The key being computed.
    public let key: BuildKey
    let engine: Engine
    let fileSystem: any FileSystem
    /// True when this context's task holds one of the `-j` slots (rule bodies do; the
    /// goals closure does not).
    let holdsSlot: Bool
    private let recorded = Mutex<(dependencies: [BuildKey], products: [Product])>(([], []))
    /// The typed value a `TypedRule` computed, kept with the key's outcome.
    private let typedValue = Mutex<(any Sendable)?>(nil)

    init(key: BuildKey, engine: Engine, fileSystem: any FileSystem, holdsSlot: Bool) {
        self.key = key
        self.engine = engine
        self.fileSystem = fileSystem
        self.holdsSlot = holdsSlot
    }

    var dependencies: [BuildKey] { recorded.withLock { $0.dependencies } }
    var producedValue: (any Sendable)? { typedValue.withLock { $0 } }

    /// Called by `TypedRule` with the value it computed.
    func produced(_ value: any Sendable) { typedValue.withLock { $0 = value } }

    /// The value of a typed key, built first if it is out of date; decoded at most once
    /// per build (the rule that computed it in this build hands it over as it is).
    /// Throws `BuildFailure` when that key failed.
    public func need<K: TypedKey>(_ key: K) async throws -> K.Value {
        try await need(key.buildKey, as: K.Value.self)
    }

    /// The values of typed keys, in order, built concurrently (up to `-j`).
    /// Throws the first `BuildFailure` among them, after all have finished.
    public func need<K: TypedKey>(_ keys: [K]) async throws -> [K.Value] {
        try await needEach(keys).map { try $0.get() }
    }

    /// Each typed key's value or its failure, for a rule that can do without some (see
    /// `needEach(_:)` for untyped keys).
    /// With `inFlight`, at most that many of them are started at once, in the order given
    /// (the first keys finish first: a build's priority order).
    public func needEach<K: TypedKey>(_ keys: [K], inFlight: Int = 512) async -> [Swift.Result<K.Value, BuildFailure>] {
        let buildKeys = keys.map(\.buildKey)
        recorded.withLock { $0.dependencies.append(contentsOf: buildKeys) }
        var results: [Swift.Result<K.Value, BuildFailure>] = []
        results.reserveCapacity(keys.count)
        for (key, answer) in zip(buildKeys, await engine.eachValue(of: buildKeys, holdsSlot: holdsSlot, width: max(1, inFlight))) {
            switch answer {
            case .failure(let failure): results.append(.failure(failure))
            case .success(let value):
                do { results.append(.success(try await decoded(value, of: key, as: K.Value.self))) }
                catch let failure as BuildFailure { results.append(.failure(failure)) }
                catch { results.append(.failure(BuildFailure(key: key, thrown: error))) }
            }
        }
        return results
    }

    private func need<T: Decodable & Sendable>(_ key: BuildKey, as type: T.Type) async throws -> T {
        record(key)
        return try await decoded(try await engine.value(of: key, holdsSlot: holdsSlot), of: key, as: type)
    }

    private func decoded<T: Decodable & Sendable>(_ value: Value, of key: BuildKey, as type: T.Type) async throws -> T {
        if let typed = value.decoded as? T { return typed }
        do {
            let typed = try StoredValue.decode(type, from: value.bytes)
            await engine.remember(decoded: typed, bytes: value.bytes.count, for: key)
            return typed
        } catch {
            throw BuildFailure(key: key, cause: .ruleFailed,
                               message: "its stored value does not decode as \(T.self): \(error); "
                                   + "the rule's version should have been bumped")
        }
    }
    var products: [Product] { recorded.withLock { $0.products } }

    /// The value of `key`, built first if it is out of date.
    /// Throws `BuildFailure` when that key failed.
    public func need(_ key: BuildKey) async throws -> Data {
        try await needValue(key).bytes
    }

    /// The value of `key` with its digest, for callers that cache what they derive from
    /// a value (a parsed form) under the digest instead of hashing the bytes again.
    public func needValue(_ key: BuildKey) async throws -> Value {
        record(key)
        return try await engine.value(of: key, holdsSlot: holdsSlot)
    }

    /// The values of `keys`, in order, built concurrently (up to `-j`).
    /// Throws the first `BuildFailure` among them, after all have finished.
    public func need(_ keys: [BuildKey]) async throws -> [Data] {
        recorded.withLock { $0.dependencies.append(contentsOf: keys) }
        return try await engine.values(of: keys, holdsSlot: holdsSlot).map(\.bytes)
    }

    /// The values of `keys`, each a success or its failure, for a rule that can do without
    /// some (an index of courses lists the ones that built). A key that failed is still an
    /// input: this rule's result is not recorded, so it runs again once that key is fixed.
    public func needEach(_ keys: [BuildKey]) async -> [Swift.Result<Data, BuildFailure>] {
        recorded.withLock { $0.dependencies.append(contentsOf: keys) }
        return await engine.eachValue(of: keys, holdsSlot: holdsSlot).map { $0.map(\.bytes) }
    }

    /// A file's bytes, recorded as an input: the rule reruns when they change.
    public func read(_ path: String) async throws -> Data {
        let key = BuildKey.file(path)
        record(key)
        if let bytes = try await engine.sourceBytes(of: key) { return bytes }
        return try fileSystem.read(path)
    }

    /// When the file at `path` was last modified (nanoseconds since the epoch), recorded as
    /// an input as `exists(_:)` is: the rule reruns when the file's content changes, not
    /// when only its time does, so the time read is that of its last change the build saw.
    public func modificationTime(_ path: String) async throws -> Int64? {
        let key = BuildKey.file(path)
        record(key)
        try await engine.ensure(key, holdsSlot: holdsSlot)
        return fileSystem.stat(path)?.mtime
    }

    /// A file another rule wrote, read without recording it as an input: the caller depends
    /// on the key whose task writes it, whose value changes whenever the file does.
    public func readProduct(_ path: String) throws -> Data {
        try fileSystem.read(path)
    }

    /// True when something exists at `path`; recorded as an input, so the rule reruns
    /// when the file appears or disappears (or changes).
    public func exists(_ path: String) async throws -> Bool {
        let key = BuildKey.file(path)
        record(key)
        try await engine.ensure(key, holdsSlot: holdsSlot)
        return fileSystem.stat(path) != nil
    }

    /// What is at `path`, recorded as an input as `exists(_:)` is: a file, a folder, a
    /// symbolic link (reported as one, whatever it points to), or nil for nothing.
    public func entry(at path: String) async throws -> PathEntry? {
        let key = BuildKey.file(path)
        record(key)
        try await engine.ensure(key, holdsSlot: holdsSlot)
        if fileSystem.isSymbolicLink(path) { return .symbolicLink }
        guard let stat = fileSystem.stat(path) else { return nil }
        return stat.isDirectory ? .folder : .file
    }

    /// A folder's entry names, sorted; recorded as an input, so the rule reruns when an
    /// entry is added, removed or renamed (not when a file inside is edited).
    public func list(_ path: String) async throws -> [String] {
        let key = BuildKey.directory(path)
        record(key)
        let listing = try await engine.value(of: key, holdsSlot: holdsSlot).bytes
        return String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Like `list(_:)`, but only names ending with one of `suffixes`: the rule does not rerun
    /// when some other file is added to the folder.
    public func list(_ path: String, suffixes: [String]) async throws -> [String] {
        let key = BuildKey.directory(path, suffixes: suffixes)
        record(key)
        let listing = try await engine.value(of: key, holdsSlot: holdsSlot).bytes
        return String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The value of the build's input `name` (see `BuildInputs`), recorded as an input: the
    /// rule reruns when a later build is given another value.
    public func input(_ name: String) async throws -> Data {
        let key = BuildKey.input(name)
        record(key)
        return try await engine.value(of: key, holdsSlot: holdsSlot).bytes
    }

    /// True when `key` has a value without building anything: built already in this build,
    /// or recorded by an earlier one with nothing it read changed since. Records nothing
    /// and builds nothing: a build of some courses lists the others that exist this way.
    public func isUpToDate<K: TypedKey>(_ key: K) async -> Bool {
        await engine.isCurrent(key.buildKey)
    }

    /// Makes this rule run in every build (it looks at something outside the build, such
    /// as a git remote); its value still cuts off its dependents when it comes out the same.
    public func alwaysRerun() async throws {
        record(BuildKey.always)
        try await engine.ensure(BuildKey.always, holdsSlot: holdsSlot)
    }

    /// Writes a file that is an input of this rule, read by no other rule (a file the
    /// build creates once for a person to edit, such as a planned pathway): from now on the
    /// rule reruns when that person edits it, but not because of this write.
    public func writeInput(_ path: String, _ data: Data) async throws {
        let key = BuildKey.file(path)
        let stat = try fileSystem.write(path, data, durable: true)
        record(key)
        await engine.wroteInput(key, bytes: data, stat: stat)
    }

    /// Writes an output file (atomically) and records it as a product of this key: if it
    /// is later modified or deleted, the rule runs again. Identical bytes are not rewritten.
    public func write(_ path: String, _ data: Data) throws {
        if let old = fileSystem.stat(path), old.size == Int64(data.count),
           (try? fileSystem.read(path)) == data {
            recorded.withLock { $0.products.append(Product(path: path, stat: old)) }
            return
        }
        let stat = try fileSystem.write(path, data, durable: false)
        recorded.withLock { $0.products.append(Product(path: path, stat: stat)) }
    }

    /// A message for the user that does not fail the build.
    public func warn(_ message: String) {
        engine.observer.warning("\(key): \(message)")
    }

    private func record(_ key: BuildKey) {
        recorded.withLock { $0.dependencies.append(key) }
    }
}

/// What `RuleContext.entry(at:)` finds at a path.
public enum PathEntry: Sendable, Equatable {
    case file, folder, symbolicLink
}

/// A key's value and its SHA-256, and its typed form when this build has one.
public struct Value: Sendable {
    public var bytes: Data
    public var digest: ContentHash
    var decoded: (any Sendable)?

    init(bytes: Data, digest: ContentHash, decoded: (any Sendable)? = nil) {
        self.bytes = bytes
        self.digest = digest
        self.decoded = decoded
    }
}
