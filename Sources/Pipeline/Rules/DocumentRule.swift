import Catalog
import Engine
import Foundation
import Git
import Markup

/// `document:<id>/<blob>.<format>` is one document's text as Markdown (PDF through
/// `pdftotext`). Keyed by blob, so it runs once per content, whatever the path.
struct DocumentRule: TypedRule {
    let version = 9  // 3 to 9: cleaned Markdown cut into sections (references, reST, admonitions, notebook output)
    let environment: PipelineEnvironment

    func compute(_ key: DocumentKey, in context: RuleContext) async throws -> DocumentText {
        let course = try await context.need(CourseKey(course: key.course))
        let source = try course.repositorySource()
        let revision = try await context.need(FetchKey(course: key.course))  // the blob is in the cache once fetched
        let tree = environment.tree(of: source, at: revision, context)
        let bytes: Data
        switch revision {
        case .commit:
            bytes = try await tree.bytes(of: TreeEntry(path: "", id: key.document.blob, kind: .file))
        case .folder:
            // A folder's document is found by its digest among the scanned ones.
            let scan = try await context.need(ScanKey(course: key.course))
            guard let found = (scan.documents + [scan.overview].compactMap { $0 }).first(where: { $0.ref == key.document }) else {
                throw PipelineError("course '\(key.course)': no document \(key.document.name) in its folder")
            }
            bytes = try await tree.bytes(of: TreeEntry(path: found.path, id: found.blob, kind: .file))
        }
        do {
            guard key.document.format == .pdf else { return try DocumentText.convert(bytes, format: key.document.format) }
            guard let runner = environment.processes else { throw PipelineError("PDF documents cannot be read in this command") }
            return try DocumentText.convert(Data(try await PDFText.extract(bytes, runner: runner).utf8), format: .text)
        } catch {
            throw PipelineError("cannot read \(key.document.format.rawValue) document \(key.document.blob.prefix(12)): \(error)")
        }
    }
}
