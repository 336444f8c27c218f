import Catalog
import Diagnostics
import Engine
import Foundation
import Git
import Markup
import Render
import Store

/// Links and images of a repository course's module text (`source:<path>` as the writer
/// left them, and DocC's `doc:Name`), resolved for the page: a document in the pathway
/// links to the module page that holds it; another file of the repository to its web view
/// at the pinned commit; an image is copied into the site under its content's digest.
/// A target that is none of these becomes plain text, and the build warns.
struct ModuleLinks {
    /// Document path → the module page that holds it.
    let pages: [String: String]
    /// DocC article name (file name without `.md`) → path.
    let docNames: [String: String]
    let webURL: (String) -> String?
    let tree: any DocumentTree
    let course: String
    let environment: PipelineEnvironment

    init(course: Course, environment: PipelineEnvironment, context: RuleContext) async throws {
        let targets = try await context.need(LinkTargetsKey(course: course.id))
        pages = targets.pages
        docNames = targets.docNames
        let source = try course.repositorySource()
        let revision = try await context.need(FetchKey(course: course.id))
        let ref = revision.pin?.commit ?? source.ref
        webURL = { RepositoryPages.webURL(source.url, ref: ref, path: $0) }
        tree = environment.tree(of: source, at: revision, context)
        self.course = course.id
        self.environment = environment
    }

    /// The module with every body's links and images resolved; broken ones are warned of.
    func resolve(_ module: ModuleContent, in context: RuleContext) async throws -> ModuleContent {
        var module = module
        module.introduction = try await resolve(module.introduction, context)
        for index in module.sections.indices {
            module.sections[index].body = try await resolve(module.sections[index].body, context)
        }
        return module
    }

    /// Markdown with its `source:` and `doc:` links and images resolved.
    func resolve(_ markdown: String, _ context: RuleContext) async throws -> String {
        guard markdown.hasBytes("](source:") || markdown.hasBytes("](doc:") else { return markdown }
        let matches = ModuleLinks.pattern.matches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown))
        var result = ""
        var last = markdown.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: markdown) else { continue }
            let group = { (i: Int) in Range(match.range(at: i), in: markdown).map { String(markdown[$0]) } ?? "" }
            let (bang, text, scheme, target) = (group(1), group(2), group(3), group(4))
            result += markdown[last..<whole.lowerBound]
            result += try await replacement(image: bang == "!", text: text, scheme: scheme, target: target, context)
            last = whole.upperBound
        }
        return result + markdown[last...]
    }

    private func replacement(image: Bool, text: String, scheme: String, target: String, _ context: RuleContext) async throws -> String {
        let path = String(target.split(separator: "#", maxSplits: 1).first ?? "")
        let resolved = scheme == "doc" ? docNames[MarkdownCleaner.strippingDisambiguation(String(path.split(separator: "/").last ?? ""))] : path
        if image {
            if let resolved, let copied = try await copyImage(resolved, context) { return "![\(text)](\(copied))" }
            context.warn("course '\(course)': image '\(target)' is not in the repository; shown as its description")
            return text.isEmpty ? "" : "(image: \(text))"
        }
        if let resolved {
            if let page = pages[resolved] { return "[\(text)](\(page))" }
            if let web = webURL(resolved) { return "[\(text)](\(web))" }
        }
        context.warn("course '\(course)': link '\(target)' leads to no page of the course and the repository has no web view; "
                     + "shown as text")
        return text
    }

    /// Copies an image of the repository to `<course>/assets/<digest>.<ext>`.
    private func copyImage(_ path: String, _ context: RuleContext) async throws -> String? {
        guard let entry = try await tree.file(at: path) else { return nil }
        let bytes = try await tree.bytes(of: entry)
        let ext = path.split(separator: ".").last.map { "." + $0.lowercased() } ?? ""
        let name = "assets/" + ContentHash(of: bytes).hex.prefix(16) + ext
        try context.write(environment.sitePath(course + "/" + name), bytes)
        return name
    }

    static let pattern = try! NSRegularExpression(pattern: #"(!?)\[([^\]]*)\]\((source|doc):([^)\s]*)\)"#)
}
