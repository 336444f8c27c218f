import Diagnostics
import Effects
import Engine
import Foundation
import LLM
import Pipeline
import RemoteCache

/// Prints a build's outcome: errors and warnings in one place at the end on stderr (also
/// with `--json`), sorted by file, each with its source line and a caret; then one summary
/// line, or one JSON object, on stdout.
struct ReportPrinter {
    let environment: PipelineEnvironment
    let fileSystem: any FileSystem

    /// The errors and warnings, on stderr; returns the errors.
    @discardableResult
    func problems(_ report: ProjectBuild.Report, llm: LLMOutcome, warnings: [String]) -> [String] {
        var lines: [String] = []
        var sources: [String: SourceLines?] = [:]  // each file read and split once, however many diagnostics it has
        for diagnostic in report.diagnostics {
            let file = diagnostic.location.file
            if sources[file] == nil {
                sources[file] = .some((try? fileSystem.read(environment.projectPath(file)))
                    .flatMap { try? SourceText.decode($0) }.map(SourceLines.init))
            }
            lines.append(diagnostic.rendered(in: sources[file] ?? nil))
        }
        // A call the budget or a batch held back is reported once, below, not per task.
        for problem in report.problems where problem.kind == .failed {
            lines.append(problem.rendered)
        }
        if let stop = llm.budgetStop {
            lines.append("error: the budget stopped the run: \(stop). Finished results are kept; "
                         + "rerun with a larger --budget-usd or --budget-tokens to make only the missing calls.")
        }
        for pattern in report.unmatched {
            lines.append("error: no course matches '\(pattern)'")
        }
        let errors = lines
        lines += warnings.map(ReportPrinter.warningLine)
        if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        return errors
    }

    /// `file:line:column: warning: …` for a warning that has its location (after the task
    /// that found it), as a compiler prints it; `warning: …` for the others.
    static func warningLine(_ message: String) -> String {
        guard let match = message.range(of: #"^(\S+: )?[^\s:]+:\d+:\d+: "#, options: .regularExpression) else {
            return "warning: " + message
        }
        var location = message[..<message.index(before: match.upperBound)]
        if let task = location.range(of: ": ") { location = location[task.upperBound...] }
        return location + " warning: " + message[match.upperBound...]
    }

    /// The summary, on stdout.
    func human(_ report: ProjectBuild.Report, llm: LLMOutcome, elapsed: String) {
        let s = report.summary
        let errors = report.diagnostics.filter { $0.severity == .error }.count + s.tasksFailed + report.unmatched.count
        var summary = "scrollbuild: \(s.tasksRun) task\(s.tasksRun == 1 ? "" : "s") run (\(s.tasksCutOff) cut off), \(s.tasksCached) up to date"
        if s.tasksFailed > 0 { summary += ", \(s.tasksFailed) failed" }
        if s.tasksSkipped > 0 { summary += ", \(s.tasksSkipped) not built" }
        summary += " in " + elapsed
        summary += errors > 0 ? "; \(errors) error\(errors == 1 ? "" : "s")" : ""
        print(summary)
        let t = llm.totals
        if t.calls + t.cacheHits + t.deferred > 0 {
            print("llm: \(t.calls) calls, \(t.cacheHits) cached, \(t.tokensIn) tokens in, \(t.tokensOut) out, "
                  + "$\(String(format: "%.4f", t.costUSD))" + (t.deferred > 0 ? ", \(t.deferred) in a batch" : ""))
        }
        if let batch = llm.batch { print(batch) }
        if let (url, c) = llm.remote {
            print("remote cache \(url): \(c.hits) hits, \(c.misses) misses, \(c.uploads) uploads"
                  + (c.rejected > 0 ? ", \(c.rejected) rejected (wrong hash)" : "") + (c.off ? "; turned off after an error" : ""))
        }
        // Only a site that is there: a build stopped by its catalog writes none.
        let index = environment.sitePath("index.html")
        guard fileSystem.stat(index) != nil else { return print("site: none written") }
        // The sitemap and the feed need the site's address; say how to get them.
        let note = fileSystem.stat(environment.sitePath("sitemap.xml")) == nil
            ? " (no sitemap.xml or feed.xml: set site.base_url in scrollbuild.yml)" : ""
        print("site: \(index)" + note)
    }

    func json(_ report: ProjectBuild.Report, llm: LLMOutcome, warnings: [String]) -> String {
        let s = report.summary
        var object: [String: Any] = [
            "tasks_run": s.tasksRun,
            "tasks_cached": s.tasksCached,
            "tasks_cut_off": s.tasksCutOff,
            "tasks_failed": s.tasksFailed,
            "tasks_skipped": s.tasksSkipped,
            "ran": JSONValue.array(s.ran.keys.sorted().map { .string($0.rawValue) }),
            "courses": report.courses,
            "errors": report.diagnostics.filter { $0.severity == .error }.map(\.description)
                + report.problems.map { "\($0.key): \($0.message)" }
                + report.unmatched.map { "no course matches '\($0)'" },
            "warnings": report.diagnostics.filter { $0.severity != .error }.map(\.description) + warnings,
            // The same errors as objects, for tools: where, which course, what.
            "diagnostics": report.diagnostics.map { diagnostic -> [String: Any] in
                ["severity": diagnostic.severity == .error ? "error" : "warning", "file": diagnostic.location.file,
                 "line": diagnostic.location.line, "column": diagnostic.location.column, "message": diagnostic.message]
            } + report.problems.map { problem -> [String: Any] in
                var object: [String: Any] = ["severity": "error", "task": problem.key.rawValue, "message": problem.message]
                if let course = problem.course { object["course"] = course }
                if let file = problem.file { object["file"] = file }
                return object
            },
            "site": environment.sitePath("index.html"),
            "llm_calls": llm.totals.calls,
            "llm_cache_hits": llm.totals.cacheHits,
            "llm_deferred": llm.totals.deferred,
            "tokens_in": llm.totals.tokensIn,
            "tokens_out": llm.totals.tokensOut,
            "cost_usd": llm.totals.costUSD,
        ]
        if let stop = llm.budgetStop { object["budget_stop"] = stop }
        if let batch = llm.batch { object["batch"] = batch }
        if let (url, c) = llm.remote {
            object["remote_cache"] = ["url": url, "hits": c.hits, "misses": c.misses, "uploads": c.uploads,
                                      "rejected": c.rejected, "off": c.off] as [String: Any]
        }
        object["llm_shared_hits"] = llm.totals.sharedHits
        return JSONText.encode(object)
    }
}

/// One JSON object as text with sorted keys, for `--json` outputs.
///
/// Written through `JSONValue`, not `JSONSerialization`: a build of 10,000 courses lists
/// 140,000 tasks that ran, and bridging them to Foundation's strings took 15 MB at the
/// build's end, its peak.
enum JSONText {
    static func encode(_ object: [String: Any]) -> String {
        value(object).canonicalText
    }

    private static func value(_ any: Any) -> JSONValue {
        switch any {
        case let v as JSONValue: v
        case let b as Bool: .bool(b)
        case let n as any BinaryInteger: .number(Double(n))
        case let n as any BinaryFloatingPoint: .number(Double(n))
        case let s as String: .string(s)
        case let list as [Any]: .array(list.map(value))
        case let object as [String: Any]: .object(object.mapValues(value))
        default: .null
        }
    }
}
