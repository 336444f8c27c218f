import Catalog
import Engine
import Foundation
import Git
import Markup

/// `order:<id>` reads the documentation set's own order (mdBook SUMMARY.md, MkDocs nav,
/// Sphinx toctree, DocC Topics, a README's links) from the documents' source text and
/// the repository's mkdocs.yml, and sorts out stubs, changelogs, licences and reference
/// pages. The plan and the sources page read the documents through it.
struct OrderRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: OrderKey, in context: RuleContext) async throws -> ReadingOrder {
        let course = try await context.need(CourseKey(course: key.course))
        let source = try course.repositorySource()
        let scan = try await context.need(ScanKey(course: course.id))
        let revision = try await context.need(FetchKey(course: course.id))
        let tree = environment.tree(of: source, at: revision, context)
        let texts = try await context.need(scan.documents.map { DocumentKey(course: course.id, document: $0.ref) })
        var inputs: [ReadingOrder.Input] = []
        for (document, text) in zip(scan.documents, texts) {
            // PDFs have no order markup: their converted text stands in for the source.
            let raw = document.format == .pdf ? text.markdown
                : String(decoding: try await tree.bytes(of: TreeEntry(path: document.path, id: document.blob, kind: .file)), as: UTF8.self)
            inputs.append(ReadingOrder.Input(path: document.path, raw: raw, words: text.words))
        }
        var mkdocs: (path: String, text: String)?
        for candidate in OrderRule.mkdocsCandidates(source.folders) {
            if let entry = try await tree.file(at: candidate) {
                mkdocs = (candidate, String(decoding: try await tree.bytes(of: entry), as: UTF8.self))
                break
            }
        }
        let order = ReadingOrder(inputs, mkdocs: mkdocs)
        for skipped in order.skipped { context.warn("left out of the pathway: \(skipped.path): \(skipped.reason)") }
        return order
    }

    /// `mkdocs.yml` at the root and in each folder's parent folders.
    static func mkdocsCandidates(_ folders: [String]) -> [String] {
        var candidates = ["mkdocs.yml"]
        for folder in folders {
            var parts = folder.split(separator: "/").map(String.init)
            while !parts.isEmpty {
                candidates.append(parts.joined(separator: "/") + "/mkdocs.yml")
                parts.removeLast()
            }
        }
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }
}
