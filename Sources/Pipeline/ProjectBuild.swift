import Catalog
import Diagnostics
import Effects
import Engine
import Foundation
import LLM
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

    /// What a build is given from outside the project: engine inputs, not files.
    public struct Inputs: Sendable, Equatable {
        /// Plan repository courses' pathways anew (`--replan`).
        public var replan: Bool
        /// The environment's LLM overrides.
        public var llmOverrides: LLMOverrides
        /// The kinds of output to make (`--outputs`); nil for every kind each course asks for.
        public var outputs: [Output]?
        /// Which courses to make and in which order to start them.
        public var selection: CourseSelection

        public init(replan: Bool = false, llmOverrides: LLMOverrides = LLMOverrides(environment: [:]), outputs: [Output]? = nil,
                    selection: CourseSelection = CourseSelection()) {
            self.replan = replan
            self.llmOverrides = llmOverrides
            self.outputs = outputs
            self.selection = selection
        }

        /// As the engine's inputs: a `--replan` gets a new value each time, so it always plans again.
        func engineInputs() -> BuildInputs {
            var values: [String: Data] = [Builtins.input: Builtins.digest]
            if replan { values[PathwayRule.replanInput] = Data(UUID().uuidString.utf8) }
            if let outputs { values[OutputFilterRule.input] = Data(outputs.map(\.rawValue).sorted().joined(separator: ",").utf8) }
            if selection.isPartial, let bytes = try? StoredValue.encode(selection.choosing) {
                values[SelectionRule.input] = bytes
            }
            if !llmOverrides.isEmpty, let bytes = try? StoredValue.encode(llmOverrides) {
                values[LLMConfigRule.overridesInput] = bytes
            }
            return BuildInputs(values)
        }
    }

    /// The effects a build uses; the command line passes the real ones, tests the fakes.
    public struct Effects: Sendable {
        public var fileSystem: any FileSystem
        public var clock: any WallClock

        public init(fileSystem: any FileSystem, clock: any WallClock) {
            self.fileSystem = fileSystem
            self.clock = clock
        }
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
        /// Every task that failed (not those that were only not built), with its context.
        public var problems: [BuildProblem] = []
        /// Each course's catalog file, for locating problems.
        var courseFiles: [String: String] = [:]

        /// True when nothing failed and no input has an error.
        public var isClean: Bool {
            summary.tasksFailed == 0 && summary.tasksSkipped == 0 && !diagnostics.contains { $0.severity == .error }
        }
    }

    /// Every rule of the pipeline.
    static func rules(_ environment: PipelineEnvironment) -> [any Rule] {
        [SettingsRule(environment: environment), EntryRule(environment: environment), CatalogRule(environment: environment),
         LocateRule(), DependentsRule(), RequiredByRule(), CourseRule(environment: environment), ChaptersRule(environment: environment),
         TitleRule(environment: environment), OutlineRule(), SummaryRule(), TemplatesRule(environment: environment),
         PageRule(environment: environment), AssetRule(environment: environment), CoursePagesRule(), SiteRule(),
         LLMConfigRule(), PromptRule(environment: environment), SchemaRule(environment: environment),
         GenerateRule(environment: environment), FetchRule(environment: environment), LockRule(environment: environment),
         ScanRule(environment: environment), OrderRule(environment: environment), LinkTargetsRule(), ModuleTitlesRule(),
         CourseDataRule(environment: environment), CatalogDataRule(environment: environment), SiteFilesRule(environment: environment),
         SearchEntriesRule(environment: environment), SearchIndexRule(environment: environment),
         PrerequisiteMapRule(environment: environment), DocumentRule(environment: environment), AnalyseRule(environment: environment),
         PlanRule(environment: environment), PathwayRule(environment: environment), ModulePlanRule(), SourcesRule(),
         OutputFilterRule(), SelectionRule(), FacetsRule(), BookRule(environment: environment), BookPartsRule(environment: environment), PackagesRule(),
         EPUBRule(environment: environment), PrintBookRule(environment: environment), PDFsRule(environment: environment), PDFRule(environment: environment),
         AnkiRule(environment: environment), CartridgeRule(environment: environment), CatalogDatabaseRule(environment: environment)]
    }

    /// Rule versions by kind, for checking a trace without building (`status`, `explain`).
    static func ruleVersions(_ environment: PipelineEnvironment) -> [Substring: Int] {
        Dictionary(uniqueKeysWithValues: rules(environment).map { ($0.kind[...], $0.version) })
    }

    /// Builds `goal` into `environment.layout`, reusing what the last build there left.
    /// The caller holds the build folder's lock. Failures of courses are in the report;
    /// only a failure to save the trace throws.
    public static func run(_ goal: Goal, environment: PipelineEnvironment, inputs: Inputs, effects: Effects,
                           jobs: Int, keepGoing: Bool, observer: any BuildObserver) async throws -> Report {
        let fileSystem = effects.fileSystem, layout = environment.layout
        let store = BlobStore(root: layout.store, fileSystem: fileSystem, warn: { observer.warning($0) })
        let scheduler = environment.scheduler
        let board = ProgressBoard(inner: observer, path: layout.progress, fileSystem: fileSystem, clock: effects.clock,
                                  llmTotals: { scheduler?.totals ?? LLMTotals() })
        environment.attach(board)
        environment.recordPins(try LockFile.read(environment.lockPath, fileSystem: fileSystem))
        let engine = Engine(rules: rules(environment), fileSystem: fileSystem, store: store, tracePath: layout.trace,
                            jobs: jobs, keepGoing: keepGoing, observer: board, clock: effects.clock,
                            inputs: inputs.engineInputs())
        let (summary, found) = try await engine.build(prune: goal == .all && !inputs.selection.isPartial) { root -> Report in
            let settings = try await root.need(SettingsKey())
            let catalog = try await root.need(CatalogKey())
            var report = Report(summary: BuildSummary(), diagnostics: (settings.diagnostics + catalog.diagnostics).sorted(),
                                courses: catalog.courses.map(\.id), unmatched: [])
            report.courseFiles = Dictionary(catalog.courses.map { ($0.id, $0.file) }, uniquingKeysWith: { a, _ in a })
            // The courses this build makes, in the order they start.
            let ids = catalog.courses.map(\.id)
            var chosen: [String]
            switch goal {
            case .all:
                let selected = try await root.need(SelectionKey()).map(Set.init)
                chosen = ids.filter { selected?.contains($0) ?? true }
                if inputs.selection.order != .catalog {
                    chosen = inputs.selection.ordered(try await root.need(FacetsKey()).filter { selected?.contains($0.id) ?? true })
                        .map(\.id)
                }
            case .courses(let patterns):
                // Globs alone need only the ids; filters and orders read the facets.
                chosen = ids.filter { id in patterns.contains { Glob.matches($0, id) } }
                if inputs.selection.isPartial || inputs.selection.order != .catalog {
                    var selection = inputs.selection
                    selection.patterns = patterns
                    chosen = selection.chosen(from: try await root.need(FacetsKey())).map(\.id)
                }
                report.unmatched = patterns.filter { p in !ids.contains { Glob.matches(p, $0) } }
            }
            report.courses = chosen
            board.begin(report.courses)
            // The lock first: it fetches every repository course, and it is written even
            // when a fetch fails (keeping that course's old pin).
            _ = await root.needEach([LockKey()])
            if inputs.selection.order != .catalog {
                // In priority order, a few at a time, before anything else asks for them.
                _ = await root.needEach(report.courses.map(CoursePagesKey.init(course:)), inFlight: jobs)
            }
            switch goal {
            case .all:
                let built = try await root.need(SiteKey())
                let wanted = Set(report.courses)
                report.courses = built.filter(wanted.contains)
            case .courses:
                _ = try await root.need(AssetKey.stylesheet)
                let built = await root.needEach(report.courses.map(CoursePagesKey.init(course:)))
                let packaged = Set(catalog.courses.filter(\.packaged).map(\.id))
                _ = await root.needEach(report.courses.filter(packaged.contains).map(PackagesKey.init(course:)))
                report.courses = zip(report.courses, built).compactMap { id, pages in (try? pages.get()) == nil ? nil : id }
            }
            return report
        }
        var report = found ?? Report(summary: summary, diagnostics: [], courses: [], unmatched: [])
        report.summary = summary
        report.problems = summary.failures.filter { $0.cause == .ruleFailed }
            .map { BuildProblem($0, courseFiles: report.courseFiles) }
        board.end(failed: Set(summary.failures.compactMap { PipelineKeys.course(of: $0.key) }))
        return report
    }
}

/// Shell-style patterns (`*`, `?`, `[a-z]`) for course ids, as `fnmatch(3)` reads them.
enum Glob {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
