import CCmarkGFM
import Diagnostics
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One Markdown document parsed by cmark-gfm with GitHub's extensions (tables,
/// strikethrough, autolinks, task lists, tag filter).
///
/// Raw HTML in the source is never passed through: cmark's safe mode replaces it with a
/// comment, so a document cannot inject script into a page. Relative links to `.md`
/// files are rewritten to `.html`, so chapters that link to each other keep working on
/// the site. Owns the cmark tree and frees it in `deinit`; confine one document to one task.
public final class MarkdownDocument {
    let root: OpaquePointer
    /// Kept alive with the tree: the HTML renderer needs the parser's extension list.
    private let parser: OpaquePointer

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// cmark-gfm keeps the inline parser's table of special characters in a C global, and
    /// each parse with extensions edits it (`~` for strikethrough, `:` for autolinks) and
    /// puts it back. Two parses at once race on it, and a table cell loses its `~~` or its
    /// link at random: so parses take turns. (Parsing is a small part of rendering a page.)
    private static let parsing = Mutex<Void>(())

    public init(_ text: String, rewritingLinks: Bool = true) {
        let (parser, root) = MarkdownDocument.parsing.withLock { _ in MarkdownDocument.parse(text) }
        self.root = root
        self.parser = parser
        if rewritingLinks { MarkdownDocument.rewriteLinks(in: root) }
    }

    private static func parse(_ text: String) -> (parser: OpaquePointer, root: OpaquePointer) {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES) else {
            preconditionFailure("cmark_parser_new failed: out of memory")
        }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { preconditionFailure("cmark_parser_finish failed") }
        return (parser, root)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The document as HTML (safe mode: raw HTML omitted).
    public func html() -> String {
        guard let raw = cmark_render_html(root, CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(raw) }
        let html = SyntaxHighlighter.highlight(String(cString: raw))
        // GitHub tables' column alignment, as CSS: the `align` attribute is obsolete in HTML5.
        guard html.hasBytes(" align=\"") else { return html }
        return ["left", "center", "right"].reduce(html) {
            $0.replacingOccurrences(of: " align=\"\($1)\"", with: " style=\"text-align: \($1)\"")
        }
    }

    /// The text of the first level-1 heading (or the first heading at all), if any.
    public var title: String? {
        var best: (level: Int32, text: String)?
        var node = cmark_node_first_child(root)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_HEADING {
                let level = cmark_node_get_heading_level(current)
                if level == 1 { return MarkdownDocument.plainText(of: current) }
                if best == nil { best = (level, MarkdownDocument.plainText(of: current)) }
            }
            node = cmark_node_next(current)
        }
        return best?.text
    }

    /// The text of the first paragraph, for summaries.
    public var firstParagraph: String? {
        var node = cmark_node_first_child(root)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_PARAGRAPH { return MarkdownDocument.plainText(of: current) }
            node = cmark_node_next(current)
        }
        return nil
    }

    static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }

    private static func rewriteLinks(in root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK,
                  let raw = cmark_node_get_url(node) else { continue }
            let url = String(cString: raw)
            // Every link passes the scheme allow-list: `javascript:` and the like become `#`.
            let rewritten = Href.checked(LinkRewriter.rewrite(url) ?? url)
            if rewritten != url { cmark_node_set_url(node, rewritten) }
        }
    }
}

/// Relative links to Markdown files become links to the pages made from them.
enum LinkRewriter {
    static func rewrite(_ url: String) -> String? {
        if url.contains("://") || url.hasPrefix("/") || url.hasPrefix("#") || url.hasPrefix("mailto:") { return nil }
        let (path, fragment) = url.firstIndex(of: "#").map { (String(url[..<$0]), String(url[$0...])) } ?? (url, "")
        guard path.hasSuffix(".md") else { return nil }
        return String(path.dropLast(3)) + ".html" + fragment
    }
}
