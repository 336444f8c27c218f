import Foundation
import Markup

/// A book as one HTML document for WeasyPrint: a cover, a table of contents whose page
/// numbers the print stylesheet fills in (`target-counter`), then every chapter, each
/// starting on a new page under its `h1` (from which WeasyPrint makes one bookmark per
/// chapter). Images are inlined as `data:` URLs, so the document stands alone.
public struct PrintBook {
    public let book: Book
    public let stylesheet: String
    public let assets: [String: Data]

    public init(book: Book, stylesheet: String, assets: [String: Data]) {
        self.book = book
        self.stylesheet = stylesheet
        self.assets = assets
    }

    private var audience: String {
        book.audience.isEmpty ? "" : "<p><strong>For:</strong> \(XHTML.escape(book.audience))</p>"
    }

    public func html() -> String {
        let e = XHTML.escape
        let parts = book.parts
        let slugs = Set(parts.map(\.slug))
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(e(book.title))</title>
            <meta name="description" content="\(e(book.description))">
            <meta name="generator" content="scrollbuild">
            <meta name="dcterms.created" content="\(e(book.date))">
            <meta name="dcterms.modified" content="\(e(book.date))">
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            <section class="cover">
            <p class="book-title">\(e(book.title))</p>
            <p class="book-subtitle">\(e(book.level.capitalized)) · \(e(book.subject))</p>
            <div class="book-description">\(MarkdownDocument(book.description).html())\(audience)</div>
            </section>
            <nav class="toc">
            <p class="toc-title">Contents</p>
            <ol>

            """
        for part in parts {
            out += "<li><a href=\"#chapter-\(e(part.slug))\">\(e(part.title))</a></li>\n"
        }
        out += "</ol>\n</nav>\n"
        for (index, part) in parts.enumerated() {
            out += ChapterHTML(part: part, number: index + 1) { slugs.contains($0) ? "#chapter-" + XHTML.escape($0) : "" }.html()
        }
        return inliningImages(out) + "</body>\n</html>\n"
    }

    /// `src="assets/…"` as a `data:` URL of the asset's bytes.
    private func inliningImages(_ html: String) -> String {
        guard html.contains("src=\"assets/") else { return html }
        var out = html
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) {
            guard let type = EPUBResources.mediaType(name) else { continue }
            out = out.replacingOccurrences(of: "src=\"\(name)\"", with: "src=\"data:\(type);base64,\(data.base64EncodedString())\"")
        }
        return out
    }
}
