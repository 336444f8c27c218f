import Foundation

/// `status --watch`: progress.json drawn as a terminal dashboard: the courses' totals and a
/// bar, elapsed time, ETA and throughput, the LLM's calls, tokens and cost, and one row per
/// busy worker (the busiest first, as many as fit).
struct Dashboard {
    /// progress.json, parsed.
    let progress: [String: Any]

    init?(_ data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        progress = object
    }

    var isFinished: Bool { progress["finished"] as? Bool ?? false }

    private func int(_ object: Any?, _ key: String) -> Int { (object as? [String: Any])?[key] as? Int ?? 0 }
    private func double(_ object: Any?, _ key: String) -> Double? {
        ((object as? [String: Any])?[key] as? NSNumber)?.doubleValue
    }

    /// The dashboard's lines, at most `rows` of them and `columns` wide.
    func lines(columns: Int = 100, rows: Int = 40) -> [String] {
        let totals = progress["totals"]
        let courses = int(totals, "courses"), done = int(totals, "done"), failed = int(totals, "failed")
        let running = int(totals, "running")
        let ended = done + failed
        let share = courses == 0 ? 1 : Double(ended) / Double(courses)
        var out = ["scrollbuild: \(ended.formatted()) of \(courses.formatted()) courses (\(done.formatted()) done, "
                   + "\(failed.formatted()) failed, \(running.formatted()) running) \(String(format: "%.1f", share * 100))%"]
        let width = max(10, min(60, columns - 2))
        let filled = Int((share * Double(width)).rounded(.down))
        out.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
        let elapsed = (progress["elapsed_seconds"] as? NSNumber)?.doubleValue ?? 0
        let eta = (progress["eta_seconds"] as? NSNumber)?.doubleValue
        let throughput = progress["throughput"]
        out.append("elapsed \(Self.duration(elapsed))  eta \(eta.map(Self.duration) ?? "-")  "
                   + String(format: "%.1f courses/min  %.0f tasks/s", double(throughput, "courses_per_minute") ?? 0,
                            double(throughput, "tasks_per_second") ?? 0))
        let tasks = progress["tasks"]
        out.append("tasks: \(int(tasks, "finished").formatted()) finished, \(int(tasks, "running").formatted()) running, "
                   + "\(int(tasks, "failed").formatted()) failed")
        let llm = progress["llm"]
        out.append("llm: \(int(llm, "calls").formatted()) calls, \(int(llm, "cache_hits").formatted()) cached, "
                   + "\(int(llm, "tokens").formatted()) tokens, $" + String(format: "%.4f", double(llm, "cost_usd") ?? 0))
        let workers = (progress["workers"] as? [[String: Any]]) ?? []
        guard !workers.isEmpty, rows > out.count + 2 else { return out.map { String($0.prefix(columns)) } }
        let busy = workers.filter { $0["course"] is String }
        out.append("")
        out.append(Self.row("worker", "course", "step", "done", "errors", columns: columns))
        for worker in busy.prefix(rows - out.count - 1) {
            out.append(Self.row("\(worker["worker"] as? Int ?? 0)", worker["course"] as? String ?? "",
                                worker["step"] as? String ?? "", "\(worker["finished"] as? Int ?? 0)",
                                "\(worker["errors"] as? Int ?? 0)", columns: columns))
        }
        let idle = workers.count - busy.count
        if busy.count > rows - out.count || idle > 0 {
            out.append("  \(busy.count) busy, \(idle) idle of \(workers.count) workers")
        }
        return out.map { String($0.prefix(columns)) }
    }

    /// One aligned row: number columns right-aligned, text columns cut to fit.
    static func row(_ worker: String, _ course: String, _ step: String, _ done: String, _ errors: String, columns: Int) -> String {
        let courseWidth = 24, numberWidth = 6
        let stepWidth = max(10, columns - 6 - courseWidth - 2 * numberWidth - 5)
        func cut(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s.padding(toLength: n, withPad: " ", startingAt: 0) }
        func right(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
        return [right(worker, 6), cut(course, courseWidth), cut(step, stepWidth), right(done, numberWidth), right(errors, numberWidth)]
            .joined(separator: " ")
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m"
            : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
