import Catalog
import Engine
import Foundation
import LLM
import Markup
import OfflineAuthor
import Render

/// What the pages of a repository course read besides the outline: the overview and
/// chosen pathway, the documents with their analyses, and each module's citations.
struct RepositoryPages {
    let environment: PipelineEnvironment

    func pathway(_ course: Course, _ context: RuleContext) async throws -> PathwayView {
        let pathway = try await context.need(PathwayKey(course: course.id))
        let scan = try await context.need(ScanKey(course: course.id))
        var overview = ""
        if let document = scan.overview {
            // The overview's opening (up to its first section) introduces the course; the
            // rest of a long README is for the repository, not this page.
            let text = try await context.need(DocumentKey(course: course.id, document: document.ref))
            let opening = SourceLinks.anchored(text.opening, from: document.path)
            let links = try await ModuleLinks(course: course, environment: environment, context: context)
            overview = MarkdownDocument(try await links.resolve(opening, context)).html()
        }
        let option = pathway.chosenOption
        return PathwayView(name: option.name, rationale: option.rationale, overviewHTML: overview,
                           documentCount: scan.documents.count)
    }

    func sources(_ course: Course, _ context: RuleContext) async throws -> [SourceEntry] {
        let source = try course.repositorySource()
        let commit = try await pinnedRef(course, context)
        let scan = try await context.need(ScanKey(course: course.id))
        let analyses = try await context.need(scan.documents.map { AnalyseKey(course: course.id, document: $0.ref) })
        return zip(scan.documents, analyses).map { document, analysis in
            SourceEntry(anchor: RepositoryPages.anchor(document.path), path: document.path,
                               title: analysis["title"]?.string ?? document.path, type: analysis["type"]?.string ?? "",
                               summary: analysis["summary"]?.string ?? "",
                               concepts: (analysis["key_concepts"]?.array ?? []).compactMap(\.string),
                               words: analysis["word_count"]?.int ?? 0,
                               webURL: RepositoryPages.webURL(source.url, ref: commit, path: document.path))
        }
    }

    func citations(_ course: Course, slug: String, _ context: RuleContext) async throws -> [Citation] {
        let source = try course.repositorySource()
        let commit = try await pinnedRef(course, context)
        let documents = try await context.need(SourcesKey(course: course.id, slug: slug))
        let texts = try await context.need(documents.map { DocumentKey(course: course.id, document: $0.ref) })
        return zip(documents, texts).enumerated().map { n, pair in
            Citation(number: n + 1, path: pair.0.path, title: pair.1.title ?? pair.0.path,
                     href: "sources.html#" + RepositoryPages.anchor(pair.0.path),
                     webURL: RepositoryPages.webURL(source.url, ref: commit, path: pair.0.path))
        }
    }

    /// The commit the course is pinned to (links to the repository name it, so they keep
    /// showing what the course was built from), or its ref for a plain folder.
    func pinnedRef(_ course: Course, _ context: RuleContext) async throws -> String {
        try await context.need(FetchKey(course: course.id)).pin?.commit ?? course.repositorySource().ref
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
