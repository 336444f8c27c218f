import Catalog
import Engine
import Foundation
import LLM
import Markup
import Render

/// What the pages of a repository course read besides the outline: the overview and
/// chosen pathway, the documents with their analyses, and each module's citations.
struct RepoPages {
    let environment: PipelineEnvironment

    func pathway(_ course: Course, _ context: RuleContext) async throws -> PathwayView {
        let pathway = try await context.need(Keys.pathway(course.id), as: Pathway.self)
        let scan = try await context.need(Keys.scan(course.id), as: Scan.self)
        var overview = ""
        if let document = scan.overview {
            let text = try await context.need(Keys.document(course.id, document.name), as: DocumentText.self)
            overview = MarkdownDocument(text.markdown).html()
        }
        let option = pathway.chosenOption
        return PathwayView(name: option.name, rationale: option.rationale, overviewHTML: overview,
                           documentCount: scan.documents.count)
    }

    func sources(_ course: Course, _ context: RuleContext) async throws -> [SourceEntry] {
        let source = try RepoSource(course)
        let scan = try await context.need(Keys.scan(course.id), as: Scan.self)
        let analyses = try await context.need(scan.documents.map { Keys.analyse(course.id, $0.name) })
        return try zip(scan.documents, analyses).map { document, bytes in
            let analysis = try JSONValue(parsing: bytes)
            return SourceEntry(anchor: RepoPages.anchor(document.path), path: document.path,
                               title: analysis["title"]?.string ?? document.path, type: analysis["type"]?.string ?? "",
                               summary: analysis["summary"]?.string ?? "",
                               concepts: (analysis["key_concepts"]?.array ?? []).compactMap(\.string),
                               words: analysis["word_count"]?.int ?? 0,
                               webURL: RepoPages.webURL(source.url, ref: source.ref, path: document.path))
        }
    }

    func citations(_ course: Course, slug: String, _ context: RuleContext) async throws -> [Citation] {
        let source = try RepoSource(course)
        let documents = try await context.need(Keys.sources(course.id, slug), as: [ScannedDocument].self)
        let texts = try await context.need(documents.map { Keys.document(course.id, $0.name) }, as: DocumentText.self)
        return zip(documents, texts).enumerated().map { n, pair in
            Citation(number: n + 1, path: pair.0.path, title: pair.1.title ?? pair.0.path,
                     href: "sources.html#" + RepoPages.anchor(pair.0.path),
                     webURL: RepoPages.webURL(source.url, ref: source.ref, path: pair.0.path))
        }
    }

    /// `docs/Getting Started.md` → `docs-getting-started-md`.
    static func anchor(_ path: String) -> String {
        String(path.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The document in the repository's web view, for hosts whose layout is known.
    static func webURL(_ url: String, ref: String, path: String) -> String? {
        let base = url.hasSuffix(".git") ? String(url.dropLast(4)) : url
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        if base.hasPrefix("https://github.com/") { return "\(base)/blob/\(ref)/\(encoded)" }
        if base.hasPrefix("https://gitlab.com/") { return "\(base)/-/blob/\(ref)/\(encoded)" }
        return nil
    }
}
