import ArgumentParser
import Diagnostics
import Effects
import Engine
import Foundation
import LLM
import Pipeline
import RemoteCache

/// Runs a build for `all` and `build`: takes the build folder's lock, builds, and prints
/// either a summary (people) or one JSON object (`--json`, machines). Exit codes: 0 clean
/// (or a batch submitted), 1 errors, 3 lock held, 4 the budget stopped the run.
enum BuildRunner {
    /// What a run is for: a build writes the site; a check builds into a folder of its own
    /// under the state folder (sharing the paid LLM answers), reports, and writes no site.
    enum Purpose: Equatable { case build, check }

    /// - Parameter arguments: the command line this build was asked with (recorded for
    ///   `retry` when something fails); this process's own by default.
    static func run(_ goal: ProjectBuild.Goal, project: ProjectOptions, options: RunOptions,
                    purpose: Purpose = .build, externalLinks: Bool = false,
                    arguments: [String] = CommandLineConventions.normalized(Array(CommandLine.arguments.dropFirst()))) async throws {
        let fileSystem = LiveEffects.fileSystem
        let lock = try takeLock(project.layout, fileSystem: fileSystem)
        defer { withExtendedLifetime(lock) {} }
        try KilledBuildSweep.begin(project.layout, fileSystem: fileSystem)
        defer { KilledBuildSweep.end(project.layout, fileSystem: fileSystem) }
        let progress = ProgressPrinter(style: ProgressPrinter.styleForThisProcess())
        let remote = RemoteCacheSetup.make(project: project, environment: ProcessInfo.processInfo.environment,
                                           warn: { progress.warning($0) })
        var llmEffects = LiveEffects.llm(warn: { progress.warning($0) })
        llmEffects.shared = remote
        let llm: LLMRun
        switch try await LLMRun.prepare(buildDir: project.buildPath, options: options.llm, effects: llmEffects) {
        case .waiting(let message):
            FileHandle.standardError.write(Data("scrollbuild: \(message)\n".utf8))
            if options.json { print(JSONText.encode(["waiting": message])) }
            return
        case .ready(let run):
            llm = run
        }
        llm.notes.forEach { progress.warning($0) }
        let engineDir = purpose == .check ? project.layout.state + "/check" : project.buildPath
        let environment = project.environment(scheduler: llm.scheduler, sources: options.sources, buildDir: engineDir,
                                              shared: remote)
        let report: ProjectBuild.Report
        do {
            var inputs = project.inputs
            inputs.replan = options.replan
            inputs.outputs = options.outputKinds
            inputs.selection = options.selection
            report = try await ProjectBuild.run(goal, environment: environment, inputs: inputs,
                                                effects: LiveEffects.build,
                                                jobs: options.jobs, keepGoing: options.keepGoing || options.batch,
                                                observer: progress)
        } catch {
            _ = progress.end()
            try? llm.scheduler.finish()
            throw error
        }
        let batchMessage = try await llm.finish(now: LiveEffects.clock.now())
        // The warnings of tasks that did not run this time are still true: shown again.
        let warnings = WarningLog(path: environment.layout.state + "/warnings.json", fileSystem: fileSystem)
            .merge(progress.end(), summary: report.summary)
        let outcome = LLMOutcome(totals: llm.scheduler.totals, budgetStop: llm.budgetStop, batch: batchMessage,
                                 remote: remote.map { (url: $0.settings.url, counts: $0.counts) })
        let output = ReportPrinter(environment: environment, fileSystem: fileSystem)
        let errors = output.problems(report, llm: outcome, warnings: warnings)
        if purpose == .check {
            var warnings = warnings
            if externalLinks {
                let checker = ExternalLinks(transport: LiveEffects.transport, cachePath: project.layout.state + "/links.json",
                                            fileSystem: fileSystem, now: LiveEffects.clock.now())
                let broken = try await checker.check(try ExternalLinks.links(inSite: environment.layout.site))
                if !broken.isEmpty {
                    FileHandle.standardError.write(Data(broken.map { "warning: " + $0 }.joined(separator: "\n").utf8 + Data("\n".utf8)))
                }
                warnings += broken
            }
            let found = errors.count + warnings.count + report.diagnostics.filter { $0.severity == .warning }.count
            print("check: \(errors.count) error\(errors.count == 1 ? "" : "s"), "
                  + "\(found - errors.count) warning\(found - errors.count == 1 ? "" : "s") (no site written)")
            if found > 0 || !report.isClean { throw ExitCode(1) }
            return
        }
        LastErrors.record(errors, layout: project.layout, fileSystem: fileSystem)
        LastFailures.record(report.problems, arguments: arguments, layout: project.layout, fileSystem: fileSystem)
        if options.json {
            print(output.json(report, llm: outcome, warnings: warnings))
        } else {
            output.human(report, llm: outcome, elapsed: progress.elapsed)
        }
        if outcome.budgetStop != nil { throw ExitCode(4) }
        if batchMessage != nil, report.onlyWaitsForBatch { return }
        if !report.isClean || !report.unmatched.isEmpty { throw ExitCode(1) }
        if options.denyWarnings, !warnings.isEmpty || report.diagnostics.contains(where: { $0.severity == .warning }) {
            FileHandle.standardError.write(Data("scrollbuild: error: warnings are denied (--deny-warnings)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The build folder's lock, or exit 3 naming the holder.
    static func takeLock(_ layout: BuildLayout, fileSystem: any FileSystem) throws -> BuildLock {
        try fileSystem.createDirectory(layout.state)
        do {
            return try BuildLock(path: layout.buildLock)
        } catch let failure as BuildLock.Failure {
            FileHandle.standardError.write(Data("scrollbuild: error: \(failure)\n".utf8))
            throw ExitCode(3)
        }
    }
}

/// What the LLM steps of a run came to, and the remote cache that served them, for the report.
struct LLMOutcome {
    var totals: LLMTotals
    var budgetStop: String?
    var batch: String?
    var remote: (url: String, counts: BazelHTTPCache.Counts)?
}

extension ProjectBuild.Report {
    /// True when every failure is a call waiting in a batch (or follows from one).
    var onlyWaitsForBatch: Bool {
        diagnostics.allSatisfy { $0.severity != .error } && unmatched.isEmpty
            && problems.allSatisfy { $0.kind == .deferredToBatch }
    }
}
