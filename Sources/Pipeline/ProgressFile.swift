import Foundation
import LLM

/// What progress.json holds: every course's stage, percentage, step and start order; the
/// build's totals, tasks, workers, LLM tokens and cost, throughput and ETA. `status --watch`
/// reads it back (`ProgressFile.Reading`).
struct ProgressFile {
    struct Course {
        var stage: CourseStage
        var percent: Int
        var step: String
        /// 1 for the course that started first.
        var started: Int?
    }

    /// One worker lane (see `ProgressBoard`).
    struct Worker: Sendable, Equatable {
        var id: Int
        var course: String?
        var step: String?
        var finished = 0
        var errors = 0
    }

    var courses: [String: Course]
    var workers: [Worker]
    var tasksRunning: Int
    var tasksFinished: Int
    var tasksFailed: Int
    /// When the first course started (wall-clock nanoseconds).
    var started: Int64?
    /// When the course that ended halfway through those that have ended did: the ETA
    /// comes from the rate of the later half (the start is the pipeline filling up).
    var midEnd: Int64?
    var now: Int64
    var llm = LLMTotals()
    /// True in the last write of a build.
    var finished = false

    /// The time until the last course ends, at the rate the later half of the ended
    /// courses ended (the site's index and search index come after that).
    func eta(ended: Int) -> Double? {
        if ended == courses.count { return 0 }
        guard let midEnd, ended >= 2, now > midEnd else { return nil }
        let rate = Double(ended - ended / 2) / (Double(now - midEnd) / 1e9)
        return Double(courses.count - ended) / rate
    }

    /// Written by hand, not through JSONSerialization: at 10,000 courses this is most of
    /// the cost of a write.
    func encode() -> Data {
        var totals: [CourseStage: Int] = [:]
        var out = "{\n  \"courses\" : {"
        var first = true
        for id in courses.keys.sorted() {
            guard let c = courses[id] else { continue }
            totals[c.stage, default: 0] += 1
            out += first ? "\n" : ",\n"
            first = false
            out += "    \(quoted(id)) : {\"percent\" : \(c.percent), \"stage\" : \"\(c.stage.rawValue)\", "
            out += "\"started\" : \(c.started.map(String.init) ?? "null"), \"step\" : \(quoted(c.step))}"
        }
        out += first ? "}," : "\n  },"
        let ended = (totals[.done] ?? 0) + (totals[.failed] ?? 0)
        let elapsed = started.map { Double(max(0, now - $0)) / 1e9 } ?? 0
        out += "\n  \"elapsed_seconds\" : \(number(elapsed)),"
        out += "\n  \"finished\" : \(finished),"
        out += "\n  \"eta_seconds\" : \(eta(ended: ended).map(number) ?? "null"),"
        out += "\n  \"llm\" : {\"cache_hits\" : \(llm.cacheHits), \"calls\" : \(llm.calls), \"cost_usd\" : \(number(llm.costUSD)), "
        out += "\"tokens\" : \(llm.tokensIn + llm.tokensOut), \"tokens_in\" : \(llm.tokensIn), \"tokens_out\" : \(llm.tokensOut)},"
        out += "\n  \"tasks\" : {\"failed\" : \(tasksFailed), \"finished\" : \(tasksFinished), \"running\" : \(tasksRunning)},"
        let perMinute = elapsed > 0 ? Double(ended) / elapsed * 60 : 0
        let perSecond = elapsed > 0 ? Double(tasksFinished) / elapsed : 0
        out += "\n  \"throughput\" : {\"courses_per_minute\" : \(number(perMinute)), \"tasks_per_second\" : \(number(perSecond))},"
        out += "\n  \"totals\" : {\"courses\" : \(courses.count)"
        for stage in CourseStage.allCases { out += ", \"\(stage.rawValue)\" : \(totals[stage] ?? 0)" }
        out += ", \"running\" : \(courses.count - ended - (totals[.queued] ?? 0))},"
        let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(now) / 1e9))
        out += "\n  \"updated\" : \"\(stamp)\","
        out += "\n  \"workers\" : ["
        for (n, w) in workers.enumerated() {
            out += n == 0 ? "\n" : ",\n"
            out += "    {\"course\" : \(w.course.map(quoted) ?? "null"), \"errors\" : \(w.errors), \"finished\" : \(w.finished), "
            out += "\"step\" : \(w.step.map(quoted) ?? "null"), \"worker\" : \(w.id)}"
        }
        out += workers.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return Data(out.utf8)
    }

    private func quoted(_ text: String) -> String { JSONValue.string(text).canonicalText }
    private func number(_ value: Double) -> String { String(format: "%.3f", value) }
}
