import Foundation
import GRDB
import Synchronization

/// One LLM call as the log keeps it, cached or not.
public struct CallRecord: Sendable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "calls"

    public enum Outcome: String, Sendable, Codable {
        case ok, invalid, failed, budget, deferred
    }

    /// Seconds since 1970.
    public var time: Double
    /// The run that made it (its start time, in seconds since 1970).
    public var run: Double
    public var step: String
    public var task: String
    public var course: String
    public var provider: String
    public var model: String
    public var tokensIn: Int
    public var tokensOut: Int
    public var cost: Double
    /// From asking to answer, in milliseconds (for a cache hit, the scheduler's own time).
    public var latencyMs: Double
    /// Exchanges with the provider (0 for a cache hit).
    public var attempts: Int
    public var outcome: Outcome
    public var cacheHit: Bool
    public var requestHash: String

    enum CodingKeys: String, CodingKey {
        case time, run, step, task, course, provider, model, cost, attempts, outcome
        case tokensIn = "tokens_in", tokensOut = "tokens_out", latencyMs = "latency_ms"
        case cacheHit = "cache_hit", requestHash = "request_hash"
    }
}

/// The SQLite log of every call: `build/.scrollbuild/calls.sqlite`, table `calls`.
/// A row is written as its call finishes, so a killed build's log still counts every
/// answer it stored: in WAL mode, one small transaction per group of rows that finished
/// while the previous group was being written (a group commit).
public final class CallLog: Sendable {
    private let path: String
    private let opened = Mutex<DatabaseQueue?>(nil)
    /// Rows not yet written, and whether a caller is writing (and so will take them).
    private let pending = Mutex<(rows: [CallRecord], writing: Bool)>(([], false))

    /// Opens nothing yet: the file is opened (and its table made) on the first write or
    /// read, so a build that makes no call never touches it.
    public init(path: String) { self.path = path }

    private func database() throws -> DatabaseQueue {
        try opened.withLock { opened in
            if let database = opened { return database }
            var configuration = Configuration()
            // Survives a killed process (not a power cut) without an fsync per row.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let database = try DatabaseQueue(path: path, configuration: configuration)
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try database.write { db in
                try db.create(table: "calls", ifNotExists: true) { t in
                    t.column("time", .double).notNull()
                    t.column("run", .double).notNull()
                    t.column("step", .text).notNull()
                    t.column("task", .text).notNull()
                    t.column("course", .text).notNull()
                    t.column("provider", .text).notNull()
                    t.column("model", .text).notNull()
                    t.column("tokens_in", .integer).notNull()
                    t.column("tokens_out", .integer).notNull()
                    t.column("cost", .double).notNull()
                    t.column("latency_ms", .double).notNull()
                    t.column("attempts", .integer).notNull()
                    t.column("outcome", .text).notNull()
                    t.column("cache_hit", .boolean).notNull()
                    t.column("request_hash", .text).notNull()
                }
            }
            opened = database
            return database
        }
    }

    /// Writes `record` now, with any rows that finished meanwhile; when another caller
    /// is writing, leaves it to that caller, which takes it in its next transaction.
    public func append(_ record: CallRecord) {
        let writer = pending.withLock { state -> Bool in
            state.rows.append(record)
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        guard writer else { return }
        while let group = pending.withLock({ state -> [CallRecord]? in
            guard !state.rows.isEmpty else { state.writing = false; return nil }
            defer { state.rows.removeAll() }
            return state.rows
        }) {
            do { try write(group) } catch {
                // Kept for `flush`, which reports the failure: rows are never dropped silently.
                pending.withLock { state in
                    state.rows.insert(contentsOf: group, at: 0)
                    state.writing = false
                }
                return
            }
        }
    }

    /// Writes the rows a failed write left; throws (keeping them) when the log still
    /// cannot be written.
    public func flush() throws {
        let rows = pending.withLock { state -> [CallRecord] in
            guard !state.writing else { return [] }  // the writer at work takes them
            defer { state.rows.removeAll() }
            return state.rows
        }
        do { try write(rows) } catch {
            pending.withLock { $0.rows.insert(contentsOf: rows, at: 0) }
            throw CallLogError(rows: rows.count, reason: "\(error)")
        }
    }

    private func write(_ rows: [CallRecord]) throws {
        guard !rows.isEmpty else { return }
        try database().write { db in for row in rows { try row.insert(db) } }
    }

    /// Every row, oldest first (for `report`).
    public func all(runs: Int? = nil) throws -> [CallRecord] {
        try database().read { db in
            if let runs {
                let recent = try Double.fetchAll(db, sql: "SELECT DISTINCT run FROM calls ORDER BY run DESC LIMIT ?", arguments: [runs])
                guard let oldest = recent.last else { return [] }
                return try CallRecord.fetchAll(db, sql: "SELECT * FROM calls WHERE run >= ? ORDER BY time", arguments: [oldest])
            }
            return try CallRecord.fetchAll(db, sql: "SELECT * FROM calls ORDER BY time")
        }
    }
}

/// The call log could not be written: how many rows are waiting, and why.
public struct CallLogError: Error, Sendable, CustomStringConvertible {
    public var rows: Int
    public var reason: String
    public var description: String {
        "cannot write \(rows) row\(rows == 1 ? "" : "s") to the LLM call log: \(reason); the answers themselves are cached"
    }
}
