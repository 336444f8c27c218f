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
/// Rows are buffered and written in one transaction per 500, and at `flush()`.
public final class CallLog: Sendable {
    private let path: String
    private let opened = Mutex<DatabaseQueue?>(nil)
    private let pending = Mutex<[CallRecord]>([])

    /// Opens nothing yet: the file is opened (and its table made) on the first write or
    /// read, so a build that makes no call never touches it.
    public init(path: String) { self.path = path }

    private func database() throws -> DatabaseQueue {
        try opened.withLock { opened in
            if let database = opened { return database }
            let database = try DatabaseQueue(path: path)
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

    public func append(_ record: CallRecord) {
        let full = pending.withLock { rows -> [CallRecord]? in
            rows.append(record)
            guard rows.count >= 500 else { return nil }
            defer { rows.removeAll() }
            return rows
        }
        guard let full else { return }
        do { try write(full) } catch {
            // Kept for the next flush, which reports the failure: rows are never dropped silently.
            pending.withLock { $0.insert(contentsOf: full, at: 0) }
        }
    }

    /// Writes every buffered row; throws (keeping the rows) when the log cannot be written.
    public func flush() throws {
        let rows = pending.withLock { rows in defer { rows.removeAll() }; return rows }
        do { try write(rows) } catch {
            pending.withLock { $0.insert(contentsOf: rows, at: 0) }
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
