import Effects
import Engine
import Foundation

/// The warnings of the tasks of the last builds, kept (as cargo keeps them) so that a
/// build that runs nothing still reports what is wrong: a task's warnings are replaced
/// when it runs again, forgotten when it leaves the trace, and shown by every build until
/// then (and counted by `--deny-warnings` and `check`). In `<state>/warnings.json`,
/// written only when it changes.
struct WarningLog {
    let path: String
    let fileSystem: any FileSystem

    /// This build's warnings (`key: message` from a task, or a note of the run), merged
    /// with those kept for the tasks that did not run: every warning still true, sorted.
    func merge(_ warnings: [String], summary: BuildSummary) -> [String] {
        let kept = (try? fileSystem.read(path)).flatMap { try? JSONDecoder().decode([String: [String]].self, from: $0) } ?? [:]
        var log = kept
        for key in summary.ran.keys { log[key.rawValue] = nil }
        for failure in summary.failures { log[failure.key.rawValue] = nil }
        for key in summary.dropped { log[key.rawValue] = nil }
        var notes: [String] = []
        for warning in warnings {
            // A task's warning starts with its key; `ran` says which keys those are.
            if let key = WarningLog.key(of: warning, in: summary) {
                log[key, default: []].append(warning)
            } else {
                notes.append(warning)
            }
        }
        if log != kept {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if log.isEmpty { try? fileSystem.remove(path) } else if let bytes = try? encoder.encode(log) {
                _ = try? fileSystem.write(path, bytes, durable: false)
            }
        }
        return (log.values.flatMap { $0 } + notes).sorted()
    }

    /// The key a task's warning starts with, when that task ran in this build.
    static func key(of warning: String, in summary: BuildSummary) -> String? {
        var search = warning.startIndex
        while let separator = warning[search...].range(of: ": ") {
            let candidate = String(warning[..<separator.lowerBound])
            if summary.ran[BuildKey(rawValue: candidate)] != nil { return candidate }
            search = separator.upperBound
        }
        return nil
    }
}
