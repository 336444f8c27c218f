import Catalog
import Engine
import Foundation
import Git
import Markup

/// The repository a course names, or a failure for a course of another kind.
struct RepoSource {
    var url: String
    var ref: String
    var folders: [String]
    var overview: String?

    init(_ course: Course) throws {
        guard case .repo(let url, let ref, let folders, let overview) = course.source else {
            throw PipelineError("course '\(course.id)' is not a repository course")
        }
        self.url = url
        self.ref = ref
        self.folders = folders
        self.overview = overview
    }
}

/// `fetch:<id>` resolves the course's ref to a commit in the git cache (a `GitPin`).
/// A branch may move, so its task runs in every build (asking the remote, which is cheap
/// when nothing moved) and cuts off when the commit is the same; a commit id, or a tag
/// the lock file already records, is not asked about again.
struct FetchRule: Rule {
    let kind = "fetch"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await environment.need(Keys.course(key.name), as: Course.self, in: context)
        let source = try RepoSource(course)
        let recorded = environment.recordedPin(url: source.url, ref: source.ref)
        let board = environment.progress
        let id = course.id
        let resolution: Resolution
        do {
            resolution = try await environment.git.resolve(
                url: source.url, location: environment.location(of: source.url), ref: source.ref, recorded: recorded,
                locked: environment.sources.locked, progress: { board?.fetched($0, course: id) })
        } catch {
            throw PipelineError("course '\(id)': \(error)")
        }
        if let note = resolution.note { context.warn(note) }
        // The cache is build state, not a source: if someone deletes it, fetch again.
        _ = try await context.exists(environment.git.folder(for: source.url))
        if resolution.pin.kind.mayMove { try await context.alwaysRerun() }
        return try StoredJSON.encode(resolution.pin)
    }
}

/// `lock:` writes `scrollbuild.lock` from the pins of every repository course; a course
/// that failed to fetch keeps the pin the file had. No repository courses, no file.
struct LockRule: Rule {
    let kind = "lock"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let catalog = try await context.need(Keys.catalog, as: Catalog.self)
        let courses = try await context.need(catalog.courses.map { Keys.course($0.id) }, as: Course.self)
        let repos = courses.filter { $0.source.kind == "repo" }
        guard !repos.isEmpty else { return Data() }
        var pins: [String: GitPin] = [:]
        for (course, result) in zip(repos, await context.needEach(repos.map { Keys.fetch($0.id) })) {
            let source = try RepoSource(course)
            let pin = (try? result.get()).flatMap { try? StoredJSON.decode(GitPin.self, from: $0) }
                ?? environment.recordedPin(url: source.url, ref: source.ref)
            if let pin { pins[LockFile.slot(pin.url, pin.ref)] = pin }
        }
        let bytes = try LockFile.render(Array(pins.values))
        try context.write(environment.lockPath, bytes)
        return bytes
    }
}

/// A document found by the scan: where it is, its blob, and how to read it.
struct ScannedDocument: Codable, Equatable, Sendable {
    var path: String
    var blob: String
    var format: DocumentFormat

    /// Its name in task keys: `<blob>.<format>`.
    var name: String { blob + "." + format.rawValue }
}

/// What `scan:<id>` found. Holds no commit id, so a commit that changes nothing under the
/// course's folders is cut off here.
struct Scan: Codable, Equatable, Sendable {
    var documents: [ScannedDocument]
    var overview: ScannedDocument?
    /// `path: why`, for files of a readable kind that were left out.
    var skipped: [String]

    var paths: Set<String> { Set(documents.map(\.path)) }
}

/// `scan:<id>` lists the documents under the course's folders, read straight from the
/// commit's tree. Symlinks are never followed (they could point out of the repository);
/// binary and huge files are skipped with a note.
struct ScanRule: Rule {
    let kind = "scan"
    let version = 1
    let environment: PipelineEnvironment

    static let textLimit = 2_000_000
    static let pdfLimit = 50_000_000

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await environment.need(Keys.course(key.name), as: Course.self, in: context)
        let source = try RepoSource(course)
        let pin = try await context.need(Keys.fetch(course.id), as: GitPin.self)
        var scan = Scan(documents: [], overview: nil, skipped: [])
        var seen = Set<String>()
        for folder in source.folders {
            guard let entries = try environment.git.entries(url: source.url, commit: pin.commit, folder: folder) else {
                throw PipelineError("course '\(course.id)': folder '\(folder)' is not in \(source.url) at '\(source.ref)' "
                                    + "(commit \(pin.commit.prefix(12))); fix 'folders' in its catalog file")
            }
            for entry in entries where seen.insert(entry.path).inserted {
                if let document = try examine(entry, url: source.url, skipped: &scan.skipped) { scan.documents.append(document) }
            }
        }
        if let overview = source.overview {
            let parent = overview.split(separator: "/").dropLast().joined(separator: "/")
            let entry = try environment.git.entries(url: source.url, commit: pin.commit, folder: parent)?
                .first { $0.path == overview && $0.kind == .file }
            guard let entry, let format = DocumentFormat(path: overview) else {
                throw PipelineError("course '\(course.id)': overview '\(overview)' is not a readable file in \(source.url) "
                                    + "at '\(source.ref)'; fix 'overview' in its catalog file")
            }
            scan.overview = ScannedDocument(path: overview, blob: entry.id, format: format)
        }
        guard !scan.documents.isEmpty else {
            throw PipelineError("course '\(course.id)': no Markdown, reStructuredText, HTML, text, notebook or PDF files "
                                + "under \(source.folders.joined(separator: ", ")) in \(source.url) at '\(source.ref)'")
        }
        for note in scan.skipped { context.warn("skipped \(note)") }
        environment.progress?.documents(scan.documents.count, course: course.id)
        return try StoredJSON.encode(scan)
    }

    private func examine(_ entry: TreeEntry, url: String, skipped: inout [String]) throws -> ScannedDocument? {
        guard let format = DocumentFormat(path: entry.path) else { return nil }
        switch entry.kind {
        case .symlink:
            skipped.append("\(entry.path): a symbolic link, which is never followed")
            return nil
        case .submodule:
            skipped.append("\(entry.path): a submodule")
            return nil
        case .file:
            break
        }
        let size = try environment.git.size(url: url, id: entry.id)
        let limit = format == .pdf ? ScanRule.pdfLimit : ScanRule.textLimit
        if size > limit {
            skipped.append("\(entry.path): \(size / 1_000_000) MB, over the \(limit / 1_000_000) MB limit")
            return nil
        }
        if format != .pdf, try environment.git.blob(url: url, id: entry.id).prefix(8000).contains(0) {
            skipped.append("\(entry.path): binary, not text")
            return nil
        }
        return ScannedDocument(path: entry.path, blob: entry.id, format: format)
    }
}

/// `document:<id>/<blob>.<format>` is one document's text as Markdown (PDF through
/// `pdftotext`). Keyed by blob, so it runs once per content, whatever the path.
struct DocumentRule: Rule {
    let kind = "document"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let (courseID, blob, format) = try DocumentRule.parse(key)
        let course = try await environment.need(Keys.course(courseID), as: Course.self, in: context)
        let source = try RepoSource(course)
        _ = try await context.need(Keys.fetch(courseID))  // the blob is in the cache once fetched
        let bytes = try environment.git.blob(url: source.url, id: blob)
        do {
            let text = format == .pdf
                ? try DocumentText.convert(Data(try await PDFText.extract(bytes).utf8), format: .text)
                : try DocumentText.convert(bytes, format: format)
            return try StoredJSON.encode(text)
        } catch {
            throw PipelineError("cannot read \(format.rawValue) document \(blob.prefix(12)): \(error)")
        }
    }

    /// `<id>/<blob>.<format>` → its parts.
    static func parse(_ key: BuildKey) throws -> (String, String, DocumentFormat) {
        let parts = key.name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let dot = parts[1].firstIndex(of: "."),
              let format = DocumentFormat(rawValue: String(parts[1][parts[1].index(after: dot)...])) else {
            throw PipelineError("no document '\(key.name)'")
        }
        return (parts[0], String(parts[1][..<dot]), format)
    }
}
