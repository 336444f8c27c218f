import ArgumentParser
import Effects
import Engine
import Pipeline

/// `scrollbuild status`: what would rebuild, and why, without building.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what is out of date and why, without building anything.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "List at most this many stale tasks (0: all).")
    var limit = 20

    func run() async throws {
        let fileSystem = LocalFileSystem()
        let check = ProjectCheck.check(environment: project.environment, inputs: project.inputs, fileSystem: fileSystem)
        let flagged = ProjectCheck.flaggedModules(in: check, environment: project.environment, fileSystem: fileSystem)
        let stale = check.staleRules
        let rules = check.trace.entries.filter { !$0.key.isSource }.count
        let neverBuilt = check.trace.entries.isEmpty
        if json {
            print(JSONText.encode([
                "tasks_run": 0, "tasks_cached": rules - stale.count, "tasks_cut_off": 0, "tasks_failed": 0,
                "tasks_stale": stale.count, "never_built": neverBuilt,
                "stale": stale.map { ["key": $0.key.rawValue, "reason": $0.reason.description] },
                "flagged": flagged.map { ["module": $0.key, "score": $0.score, "threshold": $0.threshold, "attempts": $0.attempts, "failed_checks": $0.failedChecks] },
            ]))
            return
        }
        if neverBuilt {
            print("never built into \(project.buildPath): everything will build")
            return
        }
        print("\(stale.count) of \(rules) tasks may rebuild; \(rules - stale.count) are up to date")
        let shown = limit == 0 ? stale[...] : stale.prefix(limit)
        for item in shown { print("  \(item.key): \(item.reason)") }
        if shown.count < stale.count { print("  … and \(stale.count - shown.count) more (--limit 0 lists all)") }
        if !flagged.isEmpty {
            print("\(flagged.count) modules scored below the threshold after regenerating; review them:")
            let width = flagged.map(\.key.count).max() ?? 0
            for module in flagged {
                print("  \(module.key.padding(toLength: width, withPad: " ", startingAt: 0))  "
                      + "\(Int((module.score * 100).rounded()))% < \(Int((module.threshold * 100).rounded()))%, \(module.attempts) attempts"
                      + (module.failedChecks.isEmpty ? "" : "; failed: " + module.failedChecks.joined(separator: ", ")))
            }
        }
    }
}
