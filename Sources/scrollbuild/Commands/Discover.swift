import ArgumentParser
import Catalog
import Discovery
import Effects
import Foundation
import LLM
import Pipeline
import Synchronization

/// `scrollbuild discover`: imports the courses other sites publish into
/// `catalog/external/<site>/`, politely and incrementally.
struct Discover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import courses other sites publish into catalog/external/, politely and incrementally.",
        subcommands: [DiscoverOCW.self, DiscoverKhan.self, DiscoverReport.self])
}

/// What every `discover` source takes.
struct DiscoverOptions: ParsableArguments {
    @Flag(help: "Ask the site again about every page, however fresh the cached copy.")
    var refresh = false

    @Option(help: "Import only the first N courses the site lists (and mark none removed).")
    var limit: Int?

    @Flag(help: "Delete the entries of courses the site no longer lists, instead of marking them removed.")
    var prune = false

    @Flag(help: "Print one JSON object on stdout instead of the summary.")
    var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }
}

struct DiscoverOCW: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocw",
        abstract: "Import MIT OpenCourseWare's courses (sitemaps, data.json, syllabus pages).",
        discussion: "Writes catalog/external/ocw/<id>.json; pages are cached in build/.scrollbuild/http.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: DiscoverOptions

    @Option(name: .customLong("base-url"), help: "The site to read: OpenCourseWare itself, or a mirror.")
    var baseURL = "https://ocw.mit.edu"

    func run() async throws {
        let report = try await DiscoverRun.run(project: project, options: options, provider: "ocw") { fetcher, catalog, reader, progress in
            await OCWImporter(fetcher: fetcher, catalog: catalog, baseURL: baseURL, limit: options.limit, prune: options.prune,
                              reader: reader).run(progress: progress)
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}

struct DiscoverKhan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "khan",
        abstract: "Import Khan Academy's subjects, courses and units (its sitemaps and pages, or a content export).",
        discussion: "Writes catalog/external/khan/<id>.json; pages are cached in build/.scrollbuild/http.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: DiscoverOptions

    @Option(name: .customLong("base-url"), help: "The site to read: Khan Academy itself, or a mirror.")
    var baseURL = "https://www.khanacademy.org"

    @Option(help: "A content export (TSV: id, kind, title, slug, children_ids, prerequisites, listed…) to read instead of the site's pages: a path or an http(s) URL.")
    var tsv: String?

    func run() async throws {
        let report = try await DiscoverRun.run(project: project, options: options, provider: "khan") { fetcher, catalog, _, progress in
            let importer = KhanImporter(fetcher: fetcher, catalog: catalog, baseURL: baseURL, limit: options.limit, prune: options.prune)
            guard let tsv else { return await importer.run(progress: progress) }
            var failed = ImportReport(provider: "khan")
            do {
                guard tsv.hasPrefix("http://") || tsv.hasPrefix("https://") else {
                    return importer.run(export: try LiveEffects.fileSystem.read(tsv), name: tsv)
                }
                let page = try await fetcher.get(tsv)
                if !page.isMissing { return importer.run(export: page.body, name: tsv) }
                failed.failures.append((tsv, "the server answered \(page.status)"))
            } catch {
                failed.failures.append((tsv, "cannot read the export: \(error)"))
            }
            return failed
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}

/// `discover report`: the imported courses that cover the same ground as each of the
/// project's own courses, and those usable as its prerequisites. Reads files only.
struct DiscoverReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "For each of the project's courses, the imported courses that cover the same ground and those usable as its prerequisites.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "The most similar courses listed for each course.")
    var top = 3

    func run() async throws {
        let fileSystem = LiveEffects.fileSystem
        var settings = ProjectSettings()
        if let bytes = try? fileSystem.read(project.project + "/scrollbuild.yml") {
            settings = ProjectSettings.read(String(decoding: bytes, as: UTF8.self), file: "scrollbuild.yml").0
        }
        let catalogFolder = project.project + "/" + settings.catalogPath
        let own = ((try? fileSystem.list(catalogFolder)) ?? []).filter(CourseReader.isCourseFile).compactMap { name -> SyncReport.Course? in
            guard let bytes = try? fileSystem.read(catalogFolder + "/" + name),
                  let course = CourseReader.read(String(decoding: bytes, as: UTF8.self), file: name).course else { return nil }
            return SyncReport.Course(id: course.id, title: course.title, text: course.subject + "\n" + course.description,
                                     prerequisites: course.prerequisites)
        }
        let providers = ((try? fileSystem.list(catalogFolder + "/external")) ?? []).sorted()
        let external = providers.flatMap {
            ExternalCatalog(folder: catalogFolder + "/external/" + $0, fileSystem: fileSystem).reportCourses()
        }
        guard !external.isEmpty else {
            throw ValidationError("no imported courses in \(catalogFolder)/external; run `scrollbuild discover ocw` or `discover khan` first")
        }
        let rows = SyncReport.rows(own: own, external: external, top: max(1, top))
        print(json ? DiscoverSummary.json(rows) : DiscoverSummary.text(rows, externalCount: external.count))
    }
}

/// The part of a `discover` run every source shares: settings, the fetcher and its cache,
/// the progress line, the summary.
enum DiscoverRun {
    typealias Importer = (PoliteFetcher, ExternalCatalog, (any PrerequisiteReader)?,
                          @escaping @Sendable (ImportProgress) -> Void) async -> ImportReport

    static func run(project: ProjectOptions, options: DiscoverOptions, provider: String,
                    importer: Importer) async throws -> ImportReport {
        let fileSystem = LiveEffects.fileSystem
        var settings = ProjectSettings()
        if let bytes = try? fileSystem.read(project.project + "/scrollbuild.yml") {
            let (read, diagnostics) = ProjectSettings.read(String(decoding: bytes, as: UTF8.self), file: "scrollbuild.yml")
            for diagnostic in diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
            settings = read
        }
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
        let report = await importer(fetcher, catalog, model?.reader, line.show)
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
