import Diagnostics
import Effects
import Engine
import Foundation
import Render
import Store

/// What `status`, `explain` and `graph` read: the last build's trace checked against the
/// disk, without building anything.
public enum ProjectCheck {
    /// The last build's trace checked against the disk; empty when the folder was never
    /// built. `inputs` are what a build would be given now.
    public static func check(environment: PipelineEnvironment, inputs: ProjectBuild.Inputs = .init(),
                             fileSystem: any FileSystem) -> TraceCheck {
        let trace = StoredTrace.load(environment.layout.trace, fileSystem: fileSystem, warn: { _ in }).trace
        return TraceCheck(trace: trace, ruleVersions: ProjectBuild.ruleVersions(environment),
                          inputs: inputs.engineInputs(), fileSystem: fileSystem)
    }

    /// The key a user means by `target`: a key (`page:x/index.html`), a path in the site
    /// folder (`build/site/x/index.html` or `x/index.html`), or a course id.
    public static func key(for target: String, environment: PipelineEnvironment, in check: TraceCheck) -> BuildKey? {
        let sitePrefix = environment.sitePath("")
        let page = target.hasPrefix(sitePrefix) ? String(target.dropFirst(sitePrefix.count)) : target
        let candidates = [BuildKey(rawValue: target), PageKey(name: page)?.buildKey, AssetKey(page).buildKey,
                          CoursePagesKey(name: target)?.buildKey, BuildKey.file(target),
                          BuildKey.file(environment.projectPath(target))].compactMap { $0 }
        return candidates.first { check.index(of: $0) != nil }
    }

    /// What to say about a target the last build does not have: the nearest page or task
    /// key it does have, when one is close.
    public static func unknownTarget(_ target: String, in check: TraceCheck) -> String {
        let pages = check.trace.entries.compactMap { PageKey($0.key)?.path }
        let candidates = target.contains(":") ? check.trace.entries.filter { !$0.key.isSource }.map(\.key.rawValue) : pages
        // A page named without its course (`02-links.html`) is found by its end.
        let nearest = Suggestion.closest(to: target, in: candidates) ?? candidates.first { $0.hasSuffix("/" + target) }
        let hint = nearest.map { "; did you mean '\($0)'?" }
            ?? (pages.isEmpty ? "; run a build first" : "; a target is a page path (\(pages.first!)), a course id or a task key")
        return "'\(target)' is not in the last build's graph\(hint)"
    }

    /// A module whose last answer still scored below the threshold.
    public struct FlaggedModule: Sendable {
        public var key: String
        public var score: Double
        public var threshold: Double
        public var attempts: Int
        /// The names of the rubric's checks it failed.
        public var failedChecks: [String]
    }

    /// The modules the last build flagged, read from its trace and store: what `status` lists.
    public static func flaggedModules(in check: TraceCheck, environment: PipelineEnvironment,
                                      fileSystem: any FileSystem) -> [FlaggedModule] {
        let store = BlobStore(root: environment.layout.store, fileSystem: fileSystem, warn: { _ in })
        return check.trace.entries.compactMap { entry in
            guard let module = GenerateKey(entry.key),
                  let bytes = entry.inlineValue.map({ Data($0) }) ?? store.get(entry.digest),
                  let result = try? StoredValue.decode(ModuleResult.self, from: bytes), result.flagged else { return nil }
            return FlaggedModule(key: module.name, score: result.evaluation.score, threshold: result.threshold,
                                 attempts: result.attempts, failedChecks: result.evaluation.failedChecks.map(\.name))
        }
    }
}
