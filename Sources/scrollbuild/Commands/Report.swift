import ArgumentParser
import Foundation
import LLM
import Pipeline

/// `scrollbuild report`: what the LLM calls cost, per model and step, from the call log.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show LLM calls, cache hits, tokens, cost, latency and failures per model and step.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "Only the last N runs (default: every run in the log).")
    var runs: Int?

    func run() async throws {
        let path = project.layout.callLog
        guard FileManager.default.fileExists(atPath: path) else {
            if json { print(JSONText.encode(["rows": [Any]()])) } else { print("no LLM calls logged in \(project.buildPath) yet") }
            return
        }
        let rows = CallSummary.rows(try CallLog(path: path).all(runs: runs))
        if json {
            print(JSONText.encode(["rows": rows.map { row -> [String: Any] in
                ["model": row.model, "step": row.step, "calls": row.calls, "requests": row.requests,
                 "cache_hits": row.cacheHits, "tokens_in": row.tokensIn, "tokens_out": row.tokensOut,
                 "cost_usd": row.cost, "p50_ms": row.p50, "p95_ms": row.p95, "failures": row.failures]
            }]))
            return
        }
        var table = [["model", "step", "calls", "requests", "cache hits", "tokens in", "tokens out", "cost", "p50", "p95", "failures"]]
        for row in rows {
            table.append([row.model, row.step, "\(row.calls)", "\(row.requests)", "\(row.cacheHits)", "\(row.tokensIn)",
                          "\(row.tokensOut)", String(format: "$%.4f", row.cost), Report.duration(row.p50),
                          Report.duration(row.p95), "\(row.failures)"])
        }
        let total = rows.reduce(into: CallSummary(model: "total", step: "")) {
            $0.calls += $1.calls; $0.requests += $1.requests; $0.cacheHits += $1.cacheHits
            $0.tokensIn += $1.tokensIn; $0.tokensOut += $1.tokensOut; $0.cost += $1.cost; $0.failures += $1.failures
        }
        table.append(["total", "", "\(total.calls)", "\(total.requests)", "\(total.cacheHits)", "\(total.tokensIn)",
                      "\(total.tokensOut)", String(format: "$%.4f", total.cost), "", "", "\(total.failures)"])
        print(TextTable.render(table, numericFrom: 2))
    }

    static func duration(_ ms: Double) -> String {
        ms >= 1000 ? String(format: "%.1f s", ms / 1000) : String(format: "%.0f ms", ms)
    }
}

/// Rows of cells as aligned columns: text left-aligned, numbers right-aligned, a rule
/// under the header.
enum TextTable {
    static func render(_ rows: [[String]], numericFrom: Int) -> String {
        guard let header = rows.first else { return "" }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column >= numericFrom ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.dropFirst().map(line)
        return lines.joined(separator: "\n")
    }
}
