import Discovery
import Foundation
import LLM
import Synchronization

/// The progress of a `discover` run on stderr: on a terminal one live line,
/// `[12/27] ocw-18-06-… · 37 requests, 12 not modified · ETA 14 s`; elsewhere one plain
/// line per course.
final class DiscoverProgressLine: Sendable {
    private let style: ProgressPrinter.Style
    private let began = ContinuousClock.now
    private let shown = Mutex(false)

    init(style: ProgressPrinter.Style) { self.style = style }

    @Sendable func show(_ progress: ImportProgress) {
        guard !progress.current.isEmpty else { return }
        var line = "[\(progress.done + 1)/\(progress.total)] \(progress.current)"
        if style == .live {
            let counts = progress.counts
            line += " · \(counts.requests) request\(counts.requests == 1 ? "" : "s"), \(counts.notModified) not modified"
            if progress.done > 0 {
                let perCourse = (ContinuousClock.now - began) / progress.done
                line += " · ETA " + ProgressPrinter.format(perCourse * (progress.total - progress.done))
            }
            if progress.failed > 0 { line += " · \(progress.failed) failed" }
            shown.withLock { $0 = true }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        } else {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }

    /// Clears the live line before the summary.
    func end() {
        if shown.withLock({ $0 }) { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// The end of a `discover` run: what changed, what it cost, and every failure in one place.
enum DiscoverSummary {
    static func text(_ report: ImportReport) -> String {
        var lines = ["\(report.provider): \(report.listed) course\(report.listed == 1 ? "" : "s") listed; "
                     + "\(report.new.count) new, \(report.changed.count) changed, \(report.unchanged) unchanged, "
                     + "\(report.removed.count) removed"]
        let c = report.counts
        // Every request is one of these: a body, a 304, an attempt retried, or an answer kept as
        // it was (a 404) or given up on.
        let other = c.requests - c.downloaded - c.notModified - c.retries
        lines.append("requests: \(c.requests) (\(c.downloaded) downloaded, \(c.notModified) not modified, \(c.retries) retried, "
                     + "\(other) missing or failed); \(c.fromCache) page\(c.fromCache == 1 ? "" : "s") from the cache")
        let unknown = report.unknownPrerequisites.reduce(0) { $0 + $1.numbers.count }
        lines.append("prerequisites: \(report.edges) edge\(report.edges == 1 ? "" : "s"); \(unknown) naming no entry"
                     + (unknown > 0 ? " (--json lists them)" : "") + "; " + openTexts(report))
        for cycle in report.cycles { lines.append("  cycle: " + (cycle + [cycle[0]]).joined(separator: " → ")) }
        for id in report.changed { lines.append("  changed: \(id)") }
        for id in report.removed { lines.append("  removed: \(id)") }
        for id in report.disallowed { lines.append("  skipped (robots.txt): \(id)") }
        for (id, fields) in report.missingFields { lines.append("  missing fields: \(id): \(fields.joined(separator: ", "))") }
        if !report.failures.isEmpty {
            lines.append("\(report.failures.count) failure\(report.failures.count == 1 ? "" : "s") (run again to retry them):")
            for (url, reason) in report.failures { lines.append("  \(url): \(reason)") }
        }
        return lines.joined(separator: "\n")
    }

    /// What became of the texts no pattern settles.
    private static func openTexts(_ report: ImportReport) -> String {
        let open = report.openPrerequisites.count
        guard report.askedModel > 0 else { return "\(open) text\(open == 1 ? "" : "s") no pattern settles" }
        return "\(report.askedModel) text\(report.askedModel == 1 ? "" : "s") no pattern settles read by the model, \(open) left open"
    }

    static func json(_ report: ImportReport) -> String {
        let c = report.counts
        let object: JSONValue = .object([
            "provider": .string(report.provider), "listed": .number(Double(report.listed)),
            "new": strings(report.new), "changed": strings(report.changed),
            "unchanged": .number(Double(report.unchanged)), "removed": strings(report.removed),
            "disallowed": strings(report.disallowed),
            "prerequisite_edges": .number(Double(report.edges)),
            "unknown_prerequisites": .object(Dictionary(report.unknownPrerequisites.map { ($0.id, strings($0.numbers)) },
                                                        uniquingKeysWith: { a, _ in a })),
            "cycles": .array(report.cycles.map(strings)),
            "open_prerequisites": strings(report.openPrerequisites),
            "asked_model": .number(Double(report.askedModel)),
            "failures": .array(report.failures.map { .object(["url": .string($0.url), "reason": .string($0.reason)]) }),
            "missing_fields": .object(Dictionary(report.missingFields.map { ($0.id, strings($0.fields)) },
                                                 uniquingKeysWith: { a, _ in a })),
            "requests": .object([
                "sent": .number(Double(c.requests)), "downloaded": .number(Double(c.downloaded)),
                "not_modified": .number(Double(c.notModified)), "from_cache": .number(Double(c.fromCache)),
                "retries": .number(Double(c.retries)),
            ]),
        ])
        return object.canonicalText
    }

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    /// The sync report: each own course, what covers the same ground, what could come first.
    static func text(_ rows: [SyncReport.Row], externalCount: Int) -> String {
        var lines = ["\(rows.count) course\(rows.count == 1 ? "" : "s") compared with \(externalCount) imported"]
        for row in rows {
            lines.append("")
            lines.append("\(row.id)  \(row.title)")
            lines.append("  same ground: " + (row.similar.isEmpty ? "none found"
                : row.similar.map { "\($0.id) (\(String(format: "%.2f", $0.score)))" }.joined(separator: ", ")))
            for suggestion in row.prerequisites {
                let why = suggestion.via == "named" ? "named as a prerequisite" : "a prerequisite of \(suggestion.via)"
                lines.append("  prerequisite: \(suggestion.id) (\(why))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ rows: [SyncReport.Row]) -> String {
        JSONValue.object(["courses": .array(rows.map { row in
            .object([
                "id": .string(row.id), "title": .string(row.title),
                "similar": .array(row.similar.map { .object(["id": .string($0.id), "title": .string($0.title),
                                                             "score": .number(($0.score * 1000).rounded() / 1000)]) }),
                "prerequisites": .array(row.prerequisites.map { .object(["id": .string($0.id), "title": .string($0.title),
                                                                         "via": .string($0.via)]) }),
            ])
        })]).canonicalText
    }
}
