import ArgumentParser
import Diagnostics
import Effects
import Engine
import Foundation
import Pipeline

/// Runs a build for `all` and `build`: takes the build folder's lock, builds, and prints
/// either a summary (people) or one JSON object (`--json`, machines). Exit codes: 0 clean,
/// 1 errors, 3 lock held.
enum BuildRunner {
    static func run(_ goal: ProjectBuild.Goal, project: ProjectOptions, options: RunOptions) async throws {
        let fileSystem = LocalFileSystem()
        let lock = try takeLock(project.buildPath, fileSystem: fileSystem)
        let progress = ProgressPrinter(style: ProgressPrinter.styleForThisProcess())
        let report: ProjectBuild.Report
        do {
            report = try await ProjectBuild.run(goal, environment: project.environment, fileSystem: fileSystem,
                                                jobs: options.jobs, keepGoing: options.keepGoing, observer: progress)
        } catch {
            _ = progress.end()
            throw error
        }
        let warnings = progress.end()
        withExtendedLifetime(lock) {}
        let output = ReportPrinter(environment: project.environment, fileSystem: fileSystem)
        if options.json {
            print(output.json(report, warnings: warnings))
        } else {
            output.human(report, warnings: warnings)
        }
        if !report.isClean || !report.unmatched.isEmpty { throw ExitCode(1) }
    }

    /// The build folder's lock, or exit 3 naming the holder.
    static func takeLock(_ buildDir: String, fileSystem: any FileSystem) throws -> BuildLock {
        let stateDir = ProjectBuild.stateDir(buildDir)
        try fileSystem.createDirectory(stateDir)
        do {
            return try BuildLock(path: stateDir + "/lock")
        } catch let failure as BuildLock.Failure {
            FileHandle.standardError.write(Data("scrollbuild: error: \(failure)\n".utf8))
            throw ExitCode(3)
        }
    }
}
