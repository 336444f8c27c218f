import Effects
import Foundation

/// The engine's progress since the trace was last written: `<trace>.journal`, one record
/// appended per finished task (and per source read), as ninja's `.ninja_log` and Shake's
/// journal keep theirs. A build killed at any moment loses only the tasks in flight; a
/// build that changed little appends a few records instead of rewriting the whole trace.
///
/// The file is a header (magic, and the step of the trace it extends) and records, each
/// a length, a checksum and a `ByteWriter.record`. A record that is cut short or fails its
/// checksum ends the journal (a torn last write); the records before it stand. A journal
/// that extends another trace than the one on disk (the trace was rewritten and the
/// journal not yet removed) is ignored.
enum Journal {
    static let magic: [UInt8] = Array("SBJOURN1".utf8)

    /// What a journal file held.
    struct Contents {
        /// Records in the order they were appended (a later one for the same key wins).
        var records: [(BuildKey, FreshEntry)]
        /// Bytes up to the end of the last whole record.
        var validBytes: Int
    }

    /// The records of `data` when it extends the trace of step `base`; nil otherwise.
    static func read(_ data: Data, base: UInt32) -> Contents? {
        data.withUnsafeBytes { raw -> Contents? in
            var reader = ByteReader(raw)
            guard reader.bytes(magic.count) == magic, reader.u32() == base else { return nil }
            var records: [(BuildKey, FreshEntry)] = []
            var valid = reader.offset
            while let length = reader.u32().map(Int.init), let sum = reader.u32(),
                  length <= raw.count - reader.offset {
                let payload = UnsafeRawBufferPointer(rebasing: raw[reader.offset..<reader.offset + length])
                guard checksum(payload) == sum else { break }
                var inner = ByteReader(payload)
                guard let record = inner.record(), inner.isAtEnd else { break }
                records.append(record)
                reader.offset += length
                valid = reader.offset
            }
            return Contents(records: records, validBytes: valid)
        }
    }

    static func header(base: UInt32) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes(magic)
        writer.u32(base)
        return writer.buffer
    }

    /// One record's bytes, framed.
    static func frame(_ key: BuildKey, _ entry: FreshEntry) -> [UInt8] {
        var payload = ByteWriter()
        payload.record(key, entry)
        var framed = ByteWriter()
        framed.buffer.reserveCapacity(payload.buffer.count + 8)
        framed.u32(UInt32(payload.buffer.count))
        framed.u32(payload.buffer.withUnsafeBytes { checksum($0) })
        framed.bytes(payload.buffer)
        return framed.buffer
    }

    /// FNV-1a, 32 bits: enough to tell a torn or stale record from a whole one.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// Applies the journal's records to `trace`: every record's entry replaces the key's
    /// old one, in dependency order; a record whose dependencies are in neither is left out
    /// (its task runs again).
    ///
    /// Usually every record is of a key the trace has, with dependencies before it (an
    /// edit reruns tasks it already had): then each replaces its entry in place, and the
    /// order and every other entry stay as they are. Otherwise the trace is assembled anew.
    static func apply(_ records: [(BuildKey, FreshEntry)], to trace: inout Trace) {
        guard !records.isEmpty else { return }
        // Only the keys the records name are looked for: one pass, no table of every key
        // (which costs a no-op build at 10,000 courses a third of a second).
        var wanted = Set(records.map(\.0))
        for (_, entry) in records { wanted.formUnion(entry.dependencies) }
        var table: [BuildKey: Int32] = [:]
        table.reserveCapacity(wanted.count)
        for i in trace.entries.indices where wanted.contains(trace.entries[i].key) { table[trace.entries[i].key] = Int32(i) }
        if let placed = inPlace(records, table: table) {
            for (slot, entry) in placed {
                trace.entries[Int(slot)] = entry
                trace.step = max(trace.step, entry.built)
            }
            return
        }
        var index = TraceIndex(trace)
        trace = assembled(records, onto: trace, table: index.dictionary())
    }

    /// The records as entries at their keys' positions; nil when one is of a new key or
    /// depends on a key after it or unknown.
    private static func inPlace(_ records: [(BuildKey, FreshEntry)], table: [BuildKey: Int32]) -> [(Int32, TraceEntry)]? {
        var placed: [(Int32, TraceEntry)] = []
        placed.reserveCapacity(records.count)
        for (key, e) in records {
            guard let slot = table[key] else { return nil }
            var dependencies: [Int32] = []
            dependencies.reserveCapacity(e.dependencies.count)
            for d in e.dependencies {
                guard let j = table[d], j < slot else { return nil }
                dependencies.append(j)
            }
            placed.append((slot, TraceEntry(key: key, digest: e.digest, built: e.built, changed: e.changed, version: e.version,
                                            dependencies: dependencies, stat: e.stat, inlineValue: e.inlineValue,
                                            products: e.products)))
        }
        return placed
    }

    private static func assembled(_ records: [(BuildKey, FreshEntry)], onto trace: Trace, table: [BuildKey: Int32]) -> Trace {
        var fresh: [BuildKey: FreshEntry] = [:]
        var order: [BuildKey] = []
        var step = trace.step
        for (key, entry) in records {
            if fresh.updateValue(entry, forKey: key) == nil { order.append(key) }
            step = max(step, entry.built)
        }
        var assembled = TraceAssembly(previous: trace.entries, oldIndex: table, fresh: fresh, failed: [:],
                                      roots: order, keepUnreached: true)
        return Trace(step: step, entries: assembled.entries())
    }
}

/// Appends a build's records to the journal: each finished task's record is written at
/// once (one `write(2)`, so `kill -9` loses nothing written), sources' records with the
/// next task's, and the file is synced at most once a second and at the end.
struct JournalWriter {
    let path: String
    private let fileSystem: any FileSystem
    private let clock: any WallClock
    private var appender: (any FileAppender)?
    private var reader: (any FileReader)?
    private var pending: [UInt8] = []
    private var lastSync: Int64
    /// Set when appending failed: the build goes on, and its end writes the whole trace.
    private(set) var broken = false
    /// The file's size: what it held at the start plus what this build appended.
    private(set) var bytes: Int

    static let syncInterval: Int64 = 1_000_000_000

    /// Continues the journal found at `path` (extending the trace of step `base`), or,
    /// when there is none or it was torn, starts a new one at the first append, holding the
    /// records that stand (a torn tail would hide everything appended after it).
    init(path: String, base: UInt32, found: Journal.Contents?, fileSizeOnDisk: Int?, fileSystem: any FileSystem,
         clock: any WallClock) {
        self.path = path
        self.fileSystem = fileSystem
        self.clock = clock
        self.lastSync = clock.nanosecondsSinceEpoch()
        if let found, found.validBytes == fileSizeOnDisk {
            bytes = found.validBytes
        } else {
            bytes = 0
            start = Journal.header(base: base)
            for (key, entry) in found?.records ?? [] { start! += Journal.frame(key, entry) }
        }
    }

    /// The bytes a new journal starts with, until it is written.
    private var start: [UInt8]?

    /// Where a record is in the file: its payload's offset and length.
    struct Location {
        var offset: Int
        var length: Int32
    }

    /// Appends a record; returns where it will be read back, or nil when the journal is broken.
    mutating func append(_ key: BuildKey, _ entry: FreshEntry, flush: Bool) -> Location? {
        guard !broken else { return nil }
        let framed = Journal.frame(key, entry)
        let location = Location(offset: (start?.count ?? bytes) + pending.count + 8, length: Int32(framed.count - 8))
        pending += framed
        if flush { self.flush(sync: false) }
        return broken ? nil : location
    }

    /// The record at `location`: read back from the file, or from memory when it could
    /// not be written (a broken journal's last records).
    mutating func record(at location: Location) -> (BuildKey, FreshEntry)? {
        let length = Int(location.length)
        if !broken && location.offset + length > bytes { flush(sync: false) }
        let payload: [UInt8]
        if location.offset >= bytes {
            // Not on disk: `start` and `pending` are the bytes after the file's `bytes`.
            let unwritten = (start ?? []) + pending
            let from = location.offset - bytes
            guard from + length <= unwritten.count else { return nil }
            payload = Array(unwritten[from..<from + length])
        } else {
            do {
                if reader == nil { reader = try fileSystem.reader(path) }
                payload = try reader!.read(offset: location.offset, count: length)
            } catch {
                return nil
            }
        }
        return payload.withUnsafeBytes { raw in
            var inner = ByteReader(raw)
            return inner.record()
        }
    }

    /// Writes what is pending; syncs when asked or when the last sync is a second old.
    mutating func flush(sync: Bool) {
        guard !broken else { return }
        do {
            if let start {
                try fileSystem.write(path, Data(start), durable: true)
                bytes = start.count
                self.start = nil
            }
            if appender == nil { appender = try fileSystem.appender(path) }
            if !pending.isEmpty {
                try appender?.append(pending)
                bytes += pending.count
                pending = []
            }
            let now = clock.nanosecondsSinceEpoch()
            if sync || now - lastSync >= Self.syncInterval {
                try appender?.sync()
                lastSync = now
            }
        } catch {
            broken = true
        }
    }
}

/// The trace file and its journal as found on disk, merged: what a build, `status` and
/// `explain` start from.
public struct StoredTrace: Sendable {
    /// The trace with the journal's records applied.
    public let trace: Trace
    /// The step of the trace file itself, which the journal extends.
    let base: UInt32
    let journal: Journal.Contents?
    let journalFileSize: Int?
    /// The trace file's size: the journal is folded into it once it outgrows a quarter of it.
    let traceBytes: Int

    public static func journalPath(for tracePath: String) -> String { tracePath + ".journal" }

    public static func load(_ tracePath: String, fileSystem: any FileSystem, warn: (String) -> Void) -> StoredTrace {
        var file = Trace()
        var traceBytes = 0
        if fileSystem.stat(tracePath) != nil {
            if let data = try? fileSystem.readMapped(tracePath), let decoded = Trace.decode(data) {
                file = decoded
                traceBytes = data.count
            } else {
                warn("\(tracePath) is unreadable or from another version; rebuilding everything")
            }
        }
        let journalPath = journalPath(for: tracePath)
        let size = fileSystem.stat(journalPath).map { Int($0.size) }
        let contents = size == nil ? nil : (try? fileSystem.read(journalPath)).flatMap { Journal.read($0, base: file.step) }
        let base = file.step
        Journal.apply(contents?.records ?? [], to: &file)
        return StoredTrace(trace: file, base: base, journal: contents, journalFileSize: size, traceBytes: traceBytes)
    }
}
