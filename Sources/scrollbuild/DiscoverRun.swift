import Catalog
import Discovery
import Effects
import Foundation
import LLM
import Pipeline
import Synchronization

/// The part of a `discover` run every source shares: settings, the fetcher and its cache,
/// the progress line, the summary.
enum DiscoverRun {
    typealias Importer = (PoliteFetcher, ExternalCatalog, (any PrerequisiteReader)?,
                          @escaping @Sendable (ImportProgress) -> Void) async -> ImportReport

    static func run(project: ProjectOptions, options: DiscoverOptions, provider: String,
                    importer: Importer) async throws -> ImportReport {
        let fileSystem = LiveEffects.fileSystem
        let (settings, diagnostics) = project.settings()
        for diagnostic in diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
        let discover = settings.discover
        var policy = FetchPolicy(userAgent: FetchPolicy.userAgent(version: ScrollbuildCommand.version, contact: discover.contact))
        policy.delay = .milliseconds(discover.delayMilliseconds)
        policy.retry = RetryPolicy(attempts: max(1, discover.attempts), baseDelay: .milliseconds(discover.backoffMilliseconds),
                                   maxDelay: .seconds(60))
        policy.timeout = .milliseconds(discover.timeoutMilliseconds)
        policy.refresh = options.refresh
        let clock = SystemWallClock()
        let cache = HTTPDiskCache(folder: project.layout.httpCache, fileSystem: fileSystem)
        let runStart = try cache.beginRun(now: clock.seconds)
        let fetcher = PoliteFetcher(transport: CurlClient(), cache: cache, policy: policy, clock: clock, runStart: runStart)
        let catalogFolder = project.project + "/" + settings.catalogPath + "/external/" + provider
        let catalog = ExternalCatalog(folder: catalogFolder, fileSystem: fileSystem)
        let warnings = Mutex<[String]>([])
        let warn: @Sendable (String) -> Void = { message in warnings.withLock { $0.append(message) } }
        let model = try await model(settings: settings, project: project, warn: warn)
        let line = DiscoverProgressLine(style: ProgressPrinter.styleForThisProcess())
        var report = await importer(fetcher, catalog, model?.reader, line.show)
        report.counts = await fetcher.counts
        line.end()
        try cache.endRun()
        if let note = try await model?.run.finish(now: clock.now()) { warn(note) }
        print(options.json ? DiscoverSummary.json(report) : DiscoverSummary.text(report))
        for warning in warnings.withLock({ $0 }) { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        return report
    }

    /// The detect-prerequisites step's reader, when the project's model can read prose.
    private static func model(settings: ProjectSettings, project: ProjectOptions, warn: @escaping @Sendable (String) -> Void)
        async throws -> (run: LLMRun, reader: ModelPrerequisites)? {
        guard ModelPrerequisites.isAvailable(settings.llm) else { return nil }
        let options = LLMRun.Options(variables: ProcessInfo.processInfo.environment)
        switch try await LLMRun.prepare(buildDir: project.buildPath, options: options, effects: LiveEffects.llm(warn: warn)) {
        case .ready(let run):
            return ModelPrerequisites(scheduler: run.scheduler, settings: settings.llm, warn: warn).map { (run, $0) }
        case .waiting(let message):
            warn("\(message); prerequisites no pattern settles stay open")
            return nil
        }
    }
}
