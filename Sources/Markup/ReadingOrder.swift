import Foundation

/// The order a documentation set's authors meant it to be read in, and what is not part of
/// the teaching path at all. Read from the order files the common tools keep: mdBook's
/// `SUMMARY.md`, MkDocs' `mkdocs.yml` `nav` (a folder entry read through its README's list
/// of links, as literate-nav does), Sphinx's `toctree` directives from `index.rst` down,
/// DocC's `## Topics` from the catalog's root page down, and a folder README's list of
/// links. Documents no order names follow: getting started and tutorials, then guides,
/// then concepts, then reference; by path within each.
public struct ReadingOrder: Sendable, Equatable, Codable {
    /// A document left out of the pathway, and why.
    public struct Skipped: Sendable, Equatable, Codable {
        public var path: String
        public var reason: String
    }

    /// The teaching documents, in reading order.
    public var teaching: [String]
    /// API reference pages (DocC symbol pages, Sphinx autodoc pages): an appendix.
    public var reference: [String]
    public var skipped: [Skipped]
    /// Which order file the order starts from ("mdBook SUMMARY.md", …), or nil.
    public var declaredBy: String?

    /// What the order is read from: each document's path, raw source text and word count
    /// (after conversion), and the repository's `mkdocs.yml`, if any.
    public struct Input: Sendable {
        public var path: String
        public var raw: String
        public var words: Int

        public init(path: String, raw: String, words: Int) {
            self.path = path
            self.raw = raw
            self.words = words
        }
    }

    public init(teaching: [String], reference: [String], skipped: [Skipped], declaredBy: String?) {
        self.teaching = teaching
        self.reference = reference
        self.skipped = skipped
        self.declaredBy = declaredBy
    }

    public init(_ documents: [Input], mkdocs: (path: String, text: String)? = nil) {
        let byPath = Dictionary(documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var skipped: [Skipped] = []
        var reference: [String] = []
        var candidates: [String] = []
        for document in documents {
            if let reason = ReadingOrder.skipReason(document) {
                skipped.append(Skipped(path: document.path, reason: reason))
            } else if ReadingOrder.isReference(document) {
                reference.append(document.path)
            } else {
                candidates.append(document.path)
            }
        }
        let known = Set(candidates + reference)
        var (declared, source) = DeclaredOrder.read(byPath, mkdocs: mkdocs)
        declared = declared.filter(known.contains)
        var seen = Set<String>()
        var ordered = declared.filter { seen.insert($0).inserted }
        var rest = candidates.filter { !seen.contains($0) }
            .sorted { (ReadingOrder.rank($0), $0) < (ReadingOrder.rank($1), $1) }
        if source == DeclaredOrder.mdBook, !declared.isEmpty {
            // mdBook builds only what SUMMARY.md lists: the rest are fragments and leftovers.
            skipped += rest.map { Skipped(path: $0, reason: "not listed in SUMMARY.md, so not part of the book") }
            rest = []
        }
        ordered += rest
        let referenceSet = Set(reference)
        teaching = ordered.filter { !referenceSet.contains($0) }
        // Reference pages keep the declared order among themselves, then by path.
        self.reference = ordered.filter(referenceSet.contains) + reference.filter { !seen.contains($0) }.sorted()
        self.skipped = skipped
        declaredBy = declared.isEmpty ? nil : source
    }

    // MARK: Classification

    static func skipReason(_ document: Input) -> String? {
        let name = (document.path.split(separator: "/").last.map(String.init) ?? document.path).lowercased()
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        if document.path.hasSuffix("/SUMMARY.md") || document.path == "SUMMARY.md" {
            return "the table of contents; its order is used"
        }
        let kinds: [(String, [String])] = [
            ("release notes", ["changelog", "changes", "history", "release-notes", "releasenotes", "releases", "news"]),
            ("a contributing guide", ["contributing", "contribute", "contributors", "authors", "maintainers"]),
            ("a code of conduct", ["code_of_conduct", "code-of-conduct", "conduct"]),
            ("a licence", ["license", "licence", "copying", "notice"]),
        ]
        if let kind = kinds.first(where: { $0.1.contains(stem) }) { return kind.0 }
        if stem.hasPrefix("requirements") || stem == "constraints" { return "a list of dependencies" }
        if stem.contains("nnnn") || stem.contains("template") { return "a template to fill in, not a text to read" }
        if document.path.lowercased().hasSuffix(".pdf"), document.words < 8 {
            return "a PDF with \(document.words) words: an image or a logo, not a document"
        }
        let lower = document.raw.lowercased()
        if document.words < 40, lower.contains("moved") || lower.contains("redirect") || lower.contains("has been replaced") {
            return "a stub of \(document.words) words that points elsewhere"
        }
        if document.words < 8 { return "\(document.words) words: nothing to teach" }
        return nil
    }

    static func isReference(_ document: Input) -> Bool {
        let firstHeading = document.raw.split(separator: "\n").first { $0.hasPrefix("# ") }
        if let heading = firstHeading, heading.hasPrefix("# ``"), heading.contains("/") { return true }  // a DocC symbol page
        let autodoc = [".. autoclass::", ".. automodule::", ".. autofunction::", ":members:"]
        return autodoc.filter { document.raw.contains($0) }.count >= 2
    }

    /// Getting started and tutorials, guides, concepts, reference: by words of the path.
    static func rank(_ path: String) -> Int {
        let lower = path.lowercased()
        let name = lower.split(separator: "/").last.map(String.init) ?? lower
        if ["index", "readme", "intro", "introduction", "overview"].contains(name.split(separator: ".").first.map(String.init) ?? "") { return 0 }
        let tiers: [[String]] = [
            ["getting", "start", "quickstart", "install", "tutorial", "first", "basics", "setup"],
            ["guide", "how", "usage", "user", "writing", "using"],
            ["concept", "architecture", "design", "understanding", "explanation"],
            ["reference", "api", "extensions", "config", "cli", "advanced", "proposals"],
        ]
        return 1 + (tiers.firstIndex { $0.contains(where: lower.contains) } ?? 1)
    }
}

/// The order files themselves.
enum DeclaredOrder {
    static let mdBook = "mdBook SUMMARY.md"

    static func read(_ documents: [String: ReadingOrder.Input], mkdocs: (path: String, text: String)?) -> ([String], String?) {
        let paths = documents.keys.sorted()
        if let summary = paths.first(where: { $0.hasSuffix("/SUMMARY.md") || $0 == "SUMMARY.md" }), let text = documents[summary]?.raw {
            return (links(in: text, from: summary), mdBook)
        }
        if let mkdocs {
            let order = mkdocsNav(mkdocs.text, at: mkdocs.path, documents: documents)
            if !order.isEmpty { return (order, "MkDocs nav") }
        }
        let indexes = paths.filter { $0.hasSuffix("index.rst") }.sorted { $0.count < $1.count }
        if let index = indexes.first {
            var visited = Set<String>()
            return (toctree(index, documents, &visited), "Sphinx toctree")
        }
        if let root = paths.first(where: { isDocCRoot(documents[$0]?.raw ?? "") }) {
            var visited = Set<String>()
            return (topics(root, documents, &visited), "DocC Topics")
        }
        let readmes = paths.filter { ["readme.md", "index.md"].contains($0.split(separator: "/").last?.lowercased() ?? "") }
            .sorted { $0.count < $1.count }
        if let readme = readmes.first, let text = documents[readme]?.raw {
            return ([readme] + links(in: text, from: readme), "the README's list of links")
        }
        return ([], nil)
    }

    /// Relative links to documents, in order, resolved against `from`'s folder.
    static func links(in text: String, from: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\]\(<?([^)#>\s]+)[^)]*\)"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let range = Range(match.range(at: 1), in: text) else { return nil }
            let target = String(text[range])
            guard !target.contains("://"), !target.hasPrefix("mailto:") else { return nil }
            return SourcePath.resolve(target, from: from)
        }
    }

    /// `nav:` entries of mkdocs.yml, in order: `- Title: page.md`, `- page.md`, and folder
    /// entries (`user-guide/`), read through the folder's README list of links, then the
    /// rest of the folder.
    static func mkdocsNav(_ yaml: String, at path: String, documents: [String: ReadingOrder.Input]) -> [String] {
        let root = path.split(separator: "/").dropLast().joined(separator: "/")
        var docsDir = "docs"
        var entries: [String] = []
        var inNav = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("docs_dir:") {
                docsDir = line.dropFirst("docs_dir:".count).trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
            }
            if line.hasPrefix("nav:") { inNav = true; continue }
            guard inNav else { continue }
            if let first = line.first, !first.isWhitespace, first != "-", first != "#" { inNav = false; continue }
            let value = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " -'\"")) } ?? ""
            if value.hasSuffix(".md") || value.hasSuffix("/") { entries.append(value) }
        }
        let base = root.isEmpty ? docsDir : root + "/" + docsDir
        var order: [String] = []
        for entry in entries {
            let full = base + "/" + entry
            if entry.hasSuffix("/") {
                let folder = full
                let inside = documents.keys.filter { $0.hasPrefix(folder) }.sorted()
                if let readme = inside.first(where: { ["readme.md", "index.md"].contains($0.dropFirst(folder.count).lowercased()) }) {
                    order.append(readme)
                    order += links(in: documents[readme]?.raw ?? "", from: readme)
                }
                order += inside
            } else {
                order.append(full)
            }
        }
        return order
    }

    /// Depth first through `.. toctree::` entries, from `path`.
    static func toctree(_ path: String, _ documents: [String: ReadingOrder.Input], _ visited: inout Set<String>) -> [String] {
        guard visited.insert(path).inserted, let raw = documents[path]?.raw else { return [] }
        var order = [path]
        var inTree = false
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(".. toctree::") { inTree = true; continue }
            guard inTree else { continue }
            if trimmed.isEmpty || trimmed.hasPrefix(":") { continue }
            if !(line.first?.isWhitespace ?? false) { inTree = false; continue }
            var target = trimmed
            if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
                target = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            }
            guard !target.contains("://") else { continue }
            let resolved = SourcePath.resolve(target.hasSuffix(".rst") ? target : target + ".rst", from: path)
            order += toctree(resolved, documents, &visited)
        }
        return order
    }

    /// A DocC catalog's root page: `# ``Module``` with a Topics section.
    static func isDocCRoot(_ raw: String) -> Bool {
        guard let heading = raw.split(separator: "\n").first(where: { $0.hasPrefix("# ") }) else { return false }
        return heading.hasPrefix("# ``") && !heading.contains("/") && raw.contains("## Topics")
    }

    /// Depth first through the `## Topics` links (`<doc:Name>`, ``Symbol``) from `path`.
    static func topics(_ path: String, _ documents: [String: ReadingOrder.Input], _ visited: inout Set<String>) -> [String] {
        guard visited.insert(path).inserted, let raw = documents[path]?.raw else { return [] }
        var order = [path]
        guard let start = raw.range(of: "## Topics") else { return order }
        let catalog = path.components(separatedBy: ".docc/").first.map { $0 + ".docc/" } ?? ""
        let pattern = try! NSRegularExpression(pattern: #"<doc:([^>#\s]+)[^>]*>|``([^`]+)``"#)
        let text = String(raw[start.upperBound...])
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = [1, 2].compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first ?? ""
            let last = (name.split(separator: "/").last.map(String.init) ?? name)
            let stem = MarkdownCleaner.strippingDisambiguation(last).replacingOccurrences(of: ".", with: "-")
            let target = documents.keys.sorted().first { candidate in
                guard candidate.hasPrefix(catalog) else { return false }
                let file = candidate.split(separator: "/").last.map(String.init) ?? ""
                if file == stem + ".md" || file.replacingOccurrences(of: " ", with: "-") == stem + ".md" { return true }
                // An extension file names its symbol in its title: `# ``Logging/Logger`` `.
                return documents[candidate]?.raw.hasPrefix("# ``\(name)``") == true
                    || documents[candidate]?.raw.contains("\n# ``\(name)``") == true
            }
            if let target { order += topics(target, documents, &visited) }
        }
        return order
    }
}
