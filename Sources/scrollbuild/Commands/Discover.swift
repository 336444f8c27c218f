import ArgumentParser
import Discovery
import Foundation

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
