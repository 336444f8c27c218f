import Catalog
import Diagnostics
import Effects
import Engine
import Foundation
import Render
import Store

/// Builds a project: the one entry point the command line calls for `all` and `build`.
public enum ProjectBuild {
    /// What to build.
    public enum Goal: Sendable, Equatable {
        /// The whole site; pages of courses that no longer build are deleted.
        case all
        /// The pages of the courses whose ids match these shell globs (`swift-*`).
        case courses([String])
    }

    /// What a build did and found.
    public struct Report: Sendable {
        public var summary: BuildSummary
        /// Settings and catalog diagnostics, sorted by file.
        public var diagnostics: [Diagnostic]
        /// Ids that built (for `.courses`, the matches).
        public var courses: [String]
        /// Patterns of `.courses` that matched no course.
        public var unmatched: [String]

        /// True when nothing failed and no input has an error.
        public var isClean: Bool {
            summary.tasksFailed == 0 && summary.tasksSkipped == 0 && !diagnostics.contains { $0.severity == .error }
        }
    }

    /// Every rule of the pipeline.
    public static func rules(_ environment: PipelineEnvironment) -> [any Rule] {
        [SettingsRule(environment: environment), EntryRule(environment: environment), CatalogRule(environment: environment),
         LocateRule(environment: environment), CourseRule(environment: environment), ChaptersRule(environment: environment),
         TitleRule(environment: environment), OutlineRule(), SummaryRule(), TemplatesRule(environment: environment),
         PageRule(environment: environment), AssetRule(environment: environment), CoursePagesRule(), SiteRule(),
         LLMConfigRule(environment: environment), PromptRule(environment: environment), SchemaRule(environment: environment),
         GenerateRule(environment: environment), FetchRule(environment: environment), LockRule(environment: environment),
         ScanRule(environment: environment), DocumentRule(environment: environment), AnalyseRule(environment: environment),
         PlanRule(environment: environment), PathwayRule(environment: environment), ModulePlanRule(), SourcesRule()]
    }

    /// Rule versions by kind, for checking a trace without building (`status`, `explain`).
    public static func ruleVersions(_ environment: PipelineEnvironment) -> [Substring: Int] {
        Dictionary(uniqueKeysWithValues: rules(environment).map { ($0.kind[...], $0.version) })
    }

    /// Where the engine keeps its state inside a build folder.
    public static func stateDir(_ buildDir: String) -> String { buildDir + "/.scrollbuild" }
    public static func tracePath(_ buildDir: String) -> String { stateDir(buildDir) + "/trace" }

    /// Builds `goal` into `environment.buildDir`, reusing what the last build there left.
    /// The caller holds the build folder's lock. Failures of courses are in the report;
    /// only a failure to save the trace throws.
    public static func run(_ goal: Goal, environment: PipelineEnvironment, fileSystem: any FileSystem,
                           clock: any WallClock, jobs: Int, keepGoing: Bool,
                           observer: any BuildObserver) async throws -> Report {
        let store = BlobStore(root: stateDir(environment.buildDir), fileSystem: fileSystem,
                              warn: { observer.warning($0) })
        let board = ProgressBoard(inner: observer, path: stateDir(environment.buildDir) + "/progress.json",
                                  fileSystem: fileSystem, clock: clock)
        environment.attach(board)
        environment.recordPins((try? fileSystem.read(environment.lockPath)).flatMap(LockFile.parse) ?? [])
        let engine = Engine(rules: rules(environment), fileSystem: fileSystem, store: store,
                            tracePath: tracePath(environment.buildDir), jobs: jobs, keepGoing: keepGoing,
                            observer: board, clock: clock)
        let (summary, found) = try await engine.build(prune: goal == .all) { root -> Report in
            let settings = try await root.need(Keys.settings, as: SettingsRule.Value.self)
            let catalog = try await root.need(Keys.catalog, as: Catalog.self)
            var report = Report(summary: BuildSummary(), diagnostics: (settings.diagnostics + catalog.diagnostics).sorted(),
                                courses: catalog.courses.map(\.id), unmatched: [])
            if case .courses(let patterns) = goal {
                let ids = catalog.courses.map(\.id)
                report.courses = ids.filter { id in patterns.contains { Glob.matches($0, id) } }
                report.unmatched = patterns.filter { p in !ids.contains { Glob.matches(p, $0) } }
            }
            board.begin(report.courses)
            // The lock first: it fetches every repository course, and it is written even
            // when a fetch fails and the build stops (keeping that course's old pin).
            _ = await root.needEach([Keys.lock])
            switch goal {
            case .all:
                _ = try await root.need(Keys.site)
            case .courses:
                _ = try await root.need([Keys.asset("style.css")] + report.courses.map(Keys.coursePages))
            }
            return report
        }
        var report = found ?? Report(summary: summary, diagnostics: [], courses: [], unmatched: [])
        report.summary = summary
        board.end(failed: Set(summary.failures.compactMap { ProgressBoard.place($0.key)?.0 }))
        return report
    }
}

/// Shell-style patterns (`*`, `?`, `[a-z]`) for course ids, as `fnmatch(3)` reads them.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}

extension ProjectBuild {
    /// The last build's trace checked against the disk, without building anything:
    /// what `status`, `explain` and `graph` read. Empty when the folder was never built.
    public static func check(environment: PipelineEnvironment, fileSystem: any FileSystem) -> TraceCheck {
        let path = tracePath(environment.buildDir)
        let trace = (try? fileSystem.read(path)).flatMap(Trace.decode) ?? Trace()
        return TraceCheck(trace: trace, ruleVersions: ruleVersions(environment), fileSystem: fileSystem)
    }

    /// The key a user means by `target`: a key (`page:x/index.html`), a path in the site
    /// folder (`build/site/x/index.html` or `x/index.html`), or a course id.
    public static func key(for target: String, environment: PipelineEnvironment, in check: TraceCheck) -> BuildKey? {
        let sitePrefix = environment.sitePath("")
        let page = target.hasPrefix(sitePrefix) ? String(target.dropFirst(sitePrefix.count)) : target
        let candidates = [BuildKey(rawValue: target), Keys.page(page), Keys.asset(page),
                          Keys.coursePages(target), BuildKey.file(target), BuildKey.file(environment.projectPath(target))]
        return candidates.first { check.index(of: $0) != nil }
    }
}

extension ProjectBuild {
    /// A module whose last answer still scored below the threshold.
    public struct FlaggedModule: Sendable {
        public var key: String
        public var score: Double
        public var threshold: Double
        public var attempts: Int
    }

    /// The modules the last build flagged, read from its trace and store: what `status` lists.
    public static func flaggedModules(in check: TraceCheck, environment: PipelineEnvironment,
                                      fileSystem: any FileSystem) -> [FlaggedModule] {
        let store = BlobStore(root: stateDir(environment.buildDir), fileSystem: fileSystem, warn: { _ in })
        return check.trace.entries.filter { $0.key.kind == "generate" }.compactMap { entry in
            guard let bytes = entry.inlineValue.map({ Data($0) }) ?? store.get(entry.digest),
                  let result = try? StoredJSON.decode(ModuleResult.self, from: bytes), result.flagged else { return nil }
            return FlaggedModule(key: entry.key.name, score: result.evaluation.score, threshold: result.threshold,
                                 attempts: result.attempts)
        }
    }
}
