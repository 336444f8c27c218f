import Foundation
import Markup

/// A book as an EPUB 3 file: `mimetype` first and stored, `META-INF/container.xml`, the
/// package document, a navigation document (table of contents and landmarks), a cover,
/// an "about" page, one XHTML file per chapter, the stylesheet and the chapters' images.
/// Dates come from the book (never the clock), entries are written in a fixed order with
/// a fixed date, so the same book gives the same bytes.
public struct EPUBBook {
    public let book: Book
    public let stylesheet: String
    /// The bytes of each `assets/<digest>.<ext>` the chapters use.
    public let assets: [String: Data]

    public init(book: Book, stylesheet: String, assets: [String: Data]) {
        self.book = book
        self.stylesheet = stylesheet
        self.assets = assets
    }

    /// A chapter's file: named by its number, so no slug (a file name the author chose) has
    /// to be a safe URL.
    static func file(_ number: Int) -> String { "chapter-\(number).xhtml" }

    public func bytes() throws -> Data {
        var zip = ZipFile()
        zip.add("mimetype", "application/epub+zip", compressed: false)
        zip.add("META-INF/container.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
              <rootfiles>
                <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
              </rootfiles>
            </container>

            """)
        let parts = book.parts
        let numbers = Dictionary(parts.enumerated().map { ($1.slug, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        let files = Set(numbers.values.map(EPUBBook.file))
        var used: Set<String> = []
        var chapters: [(file: String, xhtml: String)] = []
        for (index, part) in parts.enumerated() {
            let html = ChapterHTML(part: part, number: index + 1) { slug in
                numbers[slug].map(EPUBBook.file) ?? ""
            }.html()
            let body = EPUBResources.adjust(XHTML.fragment(html), assets: Set(assets.keys), files: files, used: &used)
            chapters.append((EPUBBook.file(index + 1), page(title: part.title, body: body, type: "bodymatter")))
        }
        zip.add("EPUB/package.opf", packageDocument(chapters: chapters.map(\.file), images: used.sorted()))
        zip.add("EPUB/nav.xhtml", navigation(parts))
        zip.add("EPUB/cover.xhtml", page(title: book.title, body: """
            <section class="cover" epub:type="cover"><img src="cover.svg" alt="\(XHTML.escape(book.title))"/></section>
            """, type: "cover"))
        zip.add("EPUB/cover.svg", CoverImage(title: book.title, subtitle: subtitle).svg())
        zip.add("EPUB/about.xhtml", page(title: "About this book", body: about(), type: "frontmatter"))
        zip.add("EPUB/style.css", stylesheet)
        for chapter in chapters { zip.add("EPUB/" + chapter.file, chapter.xhtml) }
        for name in used.sorted() {
            if let data = assets[name] { zip.add("EPUB/" + name, data, compressed: !EPUBResources.isCompressed(name)) }
        }
        return try zip.bytes()
    }

    private var subtitle: String {
        "\(book.level.prefix(1).uppercased() + book.level.dropFirst()) · \(book.subject)"
    }

    private func packageDocument(chapters: [String], images: [String]) -> String {
        let e = XHTML.escape
        var manifest = """
                <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
                <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
                <item id="cover-image" href="cover.svg" media-type="image/svg+xml" properties="cover-image"/>
                <item id="about" href="about.xhtml" media-type="application/xhtml+xml"/>
                <item id="style" href="style.css" media-type="text/css"/>

            """
        var spine = "    <itemref idref=\"cover\" linear=\"no\"/>\n    <itemref idref=\"about\"/>\n    <itemref idref=\"nav\"/>\n"
        for (index, file) in chapters.enumerated() {
            manifest += "    <item id=\"c\(index + 1)\" href=\"\(e(file))\" media-type=\"application/xhtml+xml\"/>\n"
            spine += "    <itemref idref=\"c\(index + 1)\"/>\n"
        }
        for (index, image) in images.enumerated() {
            manifest += "    <item id=\"img\(index + 1)\" href=\"\(e(image))\" media-type=\"\(EPUBResources.mediaType(image) ?? "")\"/>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="book-id">urn:scrollbuild:course:\(e(book.id))</dc:identifier>
                <dc:title>\(e(book.title))</dc:title>
                <dc:language>en</dc:language>
                <dc:subject>\(e(book.subject))</dc:subject>
                <dc:description>\(e(book.description))</dc:description>
                <dc:publisher>scrollbuild</dc:publisher>
                <meta property="dcterms:modified">\(e(book.date))</meta>
              </metadata>
              <manifest>
            \(manifest)  </manifest>
              <spine>
            \(spine)  </spine>
            </package>

            """
    }

    private func navigation(_ parts: [Book.Part]) -> String {
        let items = parts.enumerated().map { index, part in
            "      <li><a href=\"\(EPUBBook.file(index + 1))\">\(index + 1). \(XHTML.escape(part.title))</a></li>"
        }.joined(separator: "\n")
        let first = parts.isEmpty ? "about.xhtml" : EPUBBook.file(1)
        return page(title: "Contents", body: """
            <nav epub:type="toc" id="toc">
              <h1>Contents</h1>
              <ol>
            \(items)
              </ol>
            </nav>
            <nav epub:type="landmarks" id="landmarks" hidden="hidden">
              <h2>Landmarks</h2>
              <ol>
                <li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
                <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
                <li><a epub:type="bodymatter" href="\(first)">Start reading</a></li>
              </ol>
            </nav>
            """, type: nil)
    }

    private func about() -> String {
        let e = XHTML.escape
        var out = "<h1>\(e(book.title))</h1>\n<p class=\"subtitle\">\(e(subtitle))</p>\n"
        out += XHTML.fragment(MarkdownDocument(book.description).html())
        if !book.audience.isEmpty { out += "<p><strong>For:</strong> \(e(book.audience))</p>\n" }
        if !book.prerequisites.isEmpty {
            out += "<p><strong>Take first:</strong> \(e(book.prerequisites.joined(separator: ", ")))</p>\n"
        }
        return out
    }

    /// An XHTML content document around `body`.
    private func page(title: String, body: String, type: String?) -> String {
        let bodyType = type.map { " epub:type=\"\($0)\"" } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(XHTML.escape(title))</title>
            <link rel="stylesheet" type="text/css" href="style.css"/>
            </head>
            <body\(bodyType)>
            \(body)
            </body>
            </html>

            """
    }
}
