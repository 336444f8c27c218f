import ArgumentParser
import Catalog
import Diagnostics
import Effects
import Foundation
import LLM
import Pipeline
import Store

/// Where the project and the build folder are; shared by every subcommand.
struct ProjectOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .customLong("project")],
            help: "The project folder (holding catalog/ and scrollbuild.yml); by default the nearest one at or above the working folder.")
    var given: String?

    /// The project folder: the one given, else the nearest folder at or above the working
    /// folder that holds scrollbuild.yml or catalog/ (as git and cargo search), else `.`.
    var project: String { given ?? ProjectOptions.nearestProject ?? "." }

    static let nearestProject: String? = {
        let manager = FileManager.default
        var folder = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL
        for depth in 0..<64 {
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: folder.appendingPathComponent("scrollbuild.yml").path)
                || (manager.fileExists(atPath: folder.appendingPathComponent("catalog").path, isDirectory: &isFolder)
                    && isFolder.boolValue) {
                return depth == 0 ? "." : folder.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
        return nil
    }()

    @Option(name: .customLong("build-dir"), help: "The build folder, relative to the project folder.")
    var buildDir = "build"

    /// A project folder that does not exist is a mistake to report, not one to create.
    func validate() throws {
        var isFolder: ObjCBool = false
        guard let given else {
            guard ProjectOptions.nearestProject != nil else {
                throw ValidationError("no project here: no scrollbuild.yml or catalog/ in \(FileManager.default.currentDirectoryPath) "
                                      + "or a folder above it; run `scrollbuild init` to make one, or name one with -C")
            }
            return
        }
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("the project folder '\(given)' does not exist (-C names the folder holding catalog/)")
        }
    }

    /// The build folder as a path from the working directory.
    var buildPath: String {
        buildDir.hasPrefix("/") || project == "." ? buildDir : project + "/" + buildDir
    }

    /// Every path under the build folder.
    var layout: BuildLayout { BuildLayout(root: buildPath) }

    /// scrollbuild.yml's settings (the defaults when there is none), and what is wrong in it,
    /// for commands that read the file outside a build.
    func settings() -> (ProjectSettings, [Diagnostic]) {
        guard let bytes = try? LiveEffects.fileSystem.read(project + "/scrollbuild.yml") else { return (ProjectSettings(), []) }
        return ProjectSettings.read(String(decoding: bytes, as: UTF8.self), file: "scrollbuild.yml")
    }

    /// What a build here would be given from the environment (for `status` and `explain`, too).
    var inputs: ProjectBuild.Inputs {
        ProjectBuild.Inputs(llmOverrides: LLMOverrides(environment: ProcessInfo.processInfo.environment))
    }

    var environment: PipelineEnvironment {
        PipelineEnvironment(projectRoot: project, buildDir: buildPath, fileSystem: LiveEffects.fileSystem)
    }

    /// The environment of a build into `buildDir` (the build folder unless a check says
    /// otherwise), whose LLM steps ask `scheduler`.
    func environment(scheduler: CallScheduler, sources: SourceOptions, buildDir: String? = nil,
                     shared: (any SharedCache)? = nil) -> PipelineEnvironment {
        PipelineEnvironment(projectRoot: project, buildDir: buildDir ?? buildPath, fileSystem: LiveEffects.fileSystem,
                            scheduler: scheduler, sources: sources,
                            processes: LiveEffects.processes, shared: shared)
    }
}

/// How to run a build; shared by `all` and `build`.
struct RunOptions: ParsableArguments {
    @Option(name: .short, help: "Run at most N tasks at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .short, help: "Keep going past failures: build everything that does not depend on them.")
    var keepGoing = false

    @Flag(help: "Print one JSON object on stdout instead of a summary.")
    var json = false

    @Flag(name: .customLong("deny-warnings"), help: "Exit 1 when the build has warnings (a broken link, a missing image), for CI.")
    var denyWarnings = false

    @Option(name: .customLong("budget-usd"), help: "Stop making LLM calls before this run spends more than this many US dollars.")
    var budgetUSD: Double?

    @Option(name: .customLong("budget-tokens"), help: "Stop making LLM calls before this run uses more than this many tokens.")
    var budgetTokens: Int?

    @Flag(help: "Send this run's LLM calls as one batch job (half price); a later run picks up the results.")
    var batch = false

    @Flag(help: "Fail rather than move a repository ref that scrollbuild.lock records (for CI).")
    var locked = false

    @Flag(help: "Plan repository courses' pathways anew, rewriting catalog/<id>.pathway.yml (the chosen option is kept if it remains).")
    var replan = false

    @Option(help: ArgumentHelp("Make only these kinds of output, of the courses that ask for them (comma-separated: "
                               + "\(Output.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "kinds"))
    var outputs: String?

    @Option(help: ArgumentHelp("The order courses start in: enrollment (most first), created (newest first), "
                               + "alphabetical, random or random:<seed>; from each course's priority: fields.",
                               valueName: "order"))
    var priority: String?

    @Option(help: ArgumentHelp("Make only the courses of these subjects (comma-separated).", valueName: "subjects"))
    var subject: String?

    @Option(help: ArgumentHelp("Make only the courses of these levels (comma-separated: "
                               + "\(Level.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "levels"))
    var level: String?

    @Option(help: "Make at most N courses, the first in --priority order.")
    var limit: Int?

    @Option(help: ArgumentHelp("Make part i of n of the courses (split by a hash of the id), for n CI jobs "
                               + "that share a remote cache.", valueName: "i/n"))
    var shard: String?

    /// The courses to make and their order, from the options above (validated).
    var selection: CourseSelection {
        func list(_ text: String?) -> [String] {
            text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
        }
        return CourseSelection(order: priority.flatMap { CourseSelection.Order(parsing: $0) } ?? .catalog,
                               subjects: list(subject), levels: list(level),
                               shard: shard.flatMap(CourseSelection.Shard.init(parsing:)), limit: limit)
    }

    /// `--outputs`, read; nil for every kind.
    var outputKinds: [Output]? {
        outputs.map { $0.split(separator: ",").compactMap { Output(rawValue: $0.trimmingCharacters(in: .whitespaces)) } }
    }

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("-j must be at least 1") }
        if let outputs {
            let names = Output.allCases.map(\.rawValue)
            for name in outputs.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !names.contains(name) {
                throw ValidationError("--outputs: unknown kind '\(name)'; the kinds are \(names.joined(separator: ", "))")
            }
        }
        if let priority, CourseSelection.Order(parsing: priority) == nil {
            throw ValidationError("--priority: unknown order '\(priority)'; use enrollment, created, alphabetical, random or random:<seed>")
        }
        if let shard, CourseSelection.Shard(parsing: shard) == nil {
            throw ValidationError("--shard: '\(shard)' is not i/n with 1 ≤ i ≤ n (for example 2/3)")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        let levels = Level.allCases.map(\.rawValue)
        for name in selection.levels where !levels.contains(name) {
            throw ValidationError("--level: unknown level '\(name)'; the levels are \(levels.joined(separator: ", "))")
        }
        if let budgetUSD, budgetUSD < 0 { throw ValidationError("--budget-usd must not be negative") }
        if let budgetTokens, budgetTokens < 0 { throw ValidationError("--budget-tokens must not be negative") }
    }

    var sources: SourceOptions {
        SourceOptions(locked: locked, gitToken: ProcessInfo.processInfo.environment["SCROLLBUILD_GIT_TOKEN"])
    }

    var llm: LLMRun.Options {
        LLMRun.Options(budget: BudgetLimit(usd: budgetUSD, tokens: budgetTokens), batch: batch,
                       variables: ProcessInfo.processInfo.environment)
    }
}
