import Catalog
import Engine
import Foundation
import Git
import Markup

/// `scan:<id>` lists the documents under the course's folders, read straight from the
/// commit's tree (or the plain folder). Symlinks are never followed (they could point out
/// of the repository); binary and huge files are skipped with a note.
struct ScanRule: TypedRule {
    let version = 2  // 2: typed value, plain folders
    let environment: PipelineEnvironment

    static let textLimit = 2_000_000
    static let pdfLimit = 50_000_000

    func compute(_ key: ScanKey, in context: RuleContext) async throws -> Scan {
        let course = try await context.need(CourseKey(course: key.course))
        let source = try course.repositorySource()
        let revision = try await context.need(FetchKey(course: course.id))
        let tree = environment.tree(of: source, at: revision, context)
        let at = revision.pin.map { "in \(source.url) at '\(source.ref)' (commit \($0.commit.prefix(12)))" }
            ?? "in the folder \(source.url)"
        var scan = Scan(documents: [], overview: nil, skipped: [])
        var seen = Set<String>()
        for folder in source.folders {
            guard let entries = try await tree.entries(under: folder) else {
                throw PipelineError("course '\(course.id)': folder '\(folder)' is not \(at); fix 'folders' in its catalog file")
            }
            for entry in entries where seen.insert(entry.path).inserted {
                if let document = try await examine(entry, in: tree, skipped: &scan.skipped) { scan.documents.append(document) }
            }
        }
        if let overview = source.overview {
            guard let entry = try await tree.file(at: overview), let format = DocumentFormat(path: overview) else {
                throw PipelineError("course '\(course.id)': overview '\(overview)' is not a readable file \(at); "
                                    + "fix 'overview' in its catalog file")
            }
            scan.overview = ScannedDocument(path: overview, blob: entry.id, format: format)
        }
        guard !scan.documents.isEmpty else {
            throw PipelineError("course '\(course.id)': no Markdown, reStructuredText, HTML, text, notebook or PDF files "
                                + "under \(source.folders.joined(separator: ", ")) \(at)")
        }
        for note in scan.skipped { context.warn("skipped \(note)") }
        environment.progress?.documents(scan.documents.count, course: course.id)
        return scan
    }

    private func examine(_ entry: TreeEntry, in tree: any DocumentTree, skipped: inout [String]) async throws -> ScannedDocument? {
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
        let size = try await tree.size(of: entry)
        let limit = format == .pdf ? ScanRule.pdfLimit : ScanRule.textLimit
        if size > limit {
            skipped.append("\(entry.path): \(size / 1_000_000) MB, over the \(limit / 1_000_000) MB limit")
            return nil
        }
        if format != .pdf, try await tree.bytes(of: entry).prefix(8000).contains(0) {
            skipped.append("\(entry.path): binary, not text")
            return nil
        }
        return ScannedDocument(path: entry.path, blob: entry.id, format: format)
    }
}
