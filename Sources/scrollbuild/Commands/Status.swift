import ArgumentParser
import Effects
import Engine
import Foundation
import Pipeline
import Store

/// `scrollbuild status`: what the next build will run, and why, without building; and
/// the last build's errors (exit 1 while there are any).
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the next build will run and why, and the last build's errors, without building anything.",
        discussion: "Exits 1 while the last build had errors.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "List at most this many tasks (0: all).")
    var limit = 20

    @Flag(help: "Show the running build's progress (progress.json) as a dashboard until it ends.")
    var watch = false

    func run() async throws {
        if watch { return try await watchProgress() }
        let fileSystem = LocalFileSystem()
        let check = ProjectCheck.check(environment: project.environment, inputs: project.inputs, fileSystem: fileSystem)
        let flagged = ProjectCheck.flaggedModules(in: check, environment: project.environment, fileSystem: fileSystem)
        let entries = check.trace.entries
        let outlook = check.outlook { i in Status.contentChanged(entries[i], fileSystem: fileSystem) }
        // Tasks that ask a remote in every build (a branch), which no edit makes stale.
        let checksRemote = entries.filter { entry in
            !entry.key.isSource && entry.dependencies.contains { entries[Int($0)].key == BuildKey.always }
        }.map(\.key.rawValue)
        let rules = entries.filter { !$0.key.isSource }.count
        let willRun = outlook.willRun.count
        let lastErrors = LastErrors.read(project.layout, fileSystem: fileSystem)
        if json {
            print(JSONText.encode([
                "tasks_run": 0, "tasks_cached": rules - willRun, "tasks_cut_off": 0, "tasks_failed": 0,
                "tasks_stale": willRun, "tasks_will_run": willRun, "tasks_may_stop_early": outlook.mayStopEarly.count,
                "never_built": entries.isEmpty, "checks_remote": checksRemote,
                "stale": outlook.willRun.map { ["key": $0.key.rawValue, "reason": $0.reason.description,
                                                "may_stop_early": outlook.mayStopEarly.contains($0.key)] },
                "flagged": flagged.map { ["module": $0.key, "score": $0.score, "threshold": $0.threshold, "attempts": $0.attempts, "failed_checks": $0.failedChecks] },
                "last_build_errors": lastErrors.map { $0.split(separator: "\n").map(String.init) } ?? [],
            ]))
        } else if entries.isEmpty {
            print("never built into \(project.buildPath): everything will build")
        } else {
            printOutlook(outlook, rules: rules, checksRemote: checksRemote)
            printFlagged(flagged)
        }
        if let lastErrors {
            if !json {
                FileHandle.standardError.write(Data("the last build had errors (they stay until a build without them):\n".utf8))
                FileHandle.standardError.write(Data(lastErrors.utf8))
            }
            throw ExitCode(1)
        }
    }

    private func printOutlook(_ outlook: TraceCheck.Outlook, rules: Int, checksRemote: [String]) {
        let willRun = outlook.willRun.count
        if willRun == 0 {
            print("up to date: the next build will run no task (\(rules) tasks)")
        } else {
            let early = outlook.mayStopEarly.count
            print("\(willRun) of \(rules) tasks will run at most: \(willRun - early) for certain, "
                  + "\(early) only if an input comes out changed (they may stop early)")
            let certain = outlook.willRun.filter { !outlook.mayStopEarly.contains($0.key) }
            let conditional = outlook.willRun.filter { outlook.mayStopEarly.contains($0.key) }
            var budget = limit == 0 ? Int.max : limit
            for (title, items) in [("will run:", certain), ("may stop early:", conditional)] where !items.isEmpty {
                print(title)
                for item in items.prefix(budget) { print("  \(item.key): \(item.reason)") }
                if items.count > budget { print("  … and \(items.count - budget) more (--limit 0 lists all)") }
                budget = max(0, budget - items.count)
            }
        }
        if !checksRemote.isEmpty {
            print("\(checksRemote.count) \(checksRemote.count == 1 ? "task checks" : "tasks check") the remote in every build "
                  + "(a branch): " + checksRemote.joined(separator: ", "))
        }
    }

    private func printFlagged(_ flagged: [ProjectCheck.FlaggedModule]) {
        guard !flagged.isEmpty else { return }
        print("\(flagged.count) modules scored below the threshold after regenerating; review them:")
        let width = flagged.map(\.key.count).max() ?? 0
        for module in flagged {
            print("  \(module.key.padding(toLength: width, withPad: " ", startingAt: 0))  "
                  + "\(Int((module.score * 100).rounded()))% < \(Int((module.threshold * 100).rounded()))%, \(module.attempts) attempts"
                  + (module.failedChecks.isEmpty ? "" : "; failed: " + module.failedChecks.joined(separator: ", ")))
        }
    }

    /// Whether a source whose stat changed also changed: a file's bytes are hashed (a
    /// touched file with the same content runs nothing); a folder listing counts as changed;
    /// a remote checked in every build does not.
    static func contentChanged(_ entry: TraceEntry, fileSystem: any FileSystem) -> Bool {
        let key = entry.key
        if key == BuildKey.always { return false }
        guard key == BuildKey.file(key.sourcePath) else { return true }  // a folder listing, an input
        guard let stat = fileSystem.stat(key.sourcePath), !stat.isDirectory,
              let bytes = try? fileSystem.read(key.sourcePath) else { return true }
        return ContentHash(of: bytes) != entry.digest
    }

    /// Redraws the dashboard twice a second on a terminal (once per change in a pipe) until
    /// the build writes its last progress.
    private func watchProgress() async throws {
        let path = project.layout.progress
        let terminal = isatty(STDOUT_FILENO) != 0
        var last: Data?
        var waited = false
        while true {
            guard let data = try? LocalFileSystem().read(path), let dashboard = Dashboard(data) else {
                if !waited { FileHandle.standardError.write(Data("status: waiting for a build to write \(path)\n".utf8)) }
                waited = true
                try await Task.sleep(for: .milliseconds(500))
                continue
            }
            if data != last {
                last = data
                var size = winsize()
                let columns = terminal && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 100
                let rows = terminal && size.ws_row > 0 ? Int(size.ws_row) - 1 : 40
                let frame = dashboard.lines(columns: columns, rows: rows).joined(separator: "\n")
                // On a terminal: home, the frame, clear to the end of the screen.
                FileHandle.standardOutput.write(Data((terminal ? "\u{1B}[H\u{1B}[2J" + frame : frame + "\n\n").utf8))
            }
            if dashboard.isFinished {
                if terminal { FileHandle.standardOutput.write(Data("\n".utf8)) }
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }
}
