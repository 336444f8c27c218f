import Foundation
import Markup

/// What a chapter's XHTML may point at inside an EPUB: its images (kept, and listed in the
/// package), nothing else of the book's files. An image the book does not hold (a web
/// image, a file type readers need not show) becomes its alternative text; a link to a
/// download becomes its text (a reading system opens only the book's own pages), and so
/// does a link to an anchor the page does not have.
enum EPUBResources {
    /// The image types every EPUB 3 reading system shows.
    static func mediaType(_ name: String) -> String? {
        switch (name as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "svg": "image/svg+xml"
        case "webp": "image/webp"
        default: nil
        }
    }

    /// Already compressed: stored, not deflated again.
    static func isCompressed(_ name: String) -> Bool {
        ["png", "jpg", "jpeg", "gif", "webp"].contains((name as NSString).pathExtension.lowercased())
    }

    /// `xhtml` with images and links adjusted as above; adds each image it keeps to `used`.
    static func adjust(_ xhtml: String, assets: Set<String>, files: Set<String>, used: inout Set<String>) -> String {
        var out = xhtml
        for match in image.matches(in: xhtml, range: NSRange(xhtml.startIndex..., in: xhtml)).reversed() {
            guard let whole = Range(match.range, in: out), let src = Range(match.range(at: 1), in: out) else { continue }
            let name = String(out[src])
            if assets.contains(name), mediaType(name) != nil {
                used.insert(name)
                continue
            }
            let tag = String(out[whole])
            let alt = alternative.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag))
                .flatMap { Range($0.range(at: 1), in: tag).map { String(tag[$0]) } } ?? ""
            out.replaceSubrange(whole, with: alt.isEmpty ? "" : "<span class=\"image-text\">(image: \(alt))</span>")
        }
        return unlinkingWhatIsNotThere(out, files: files)
    }

    /// Every link kept only if it leads somewhere: to the web, to another of the book's
    /// `files`, or to an anchor this page defines; any other becomes its text.
    private static func unlinkingWhatIsNotThere(_ xhtml: String, files: Set<String>) -> String {
        guard xhtml.contains("<a ") else { return xhtml }
        let ids = Set(identifier.matches(in: xhtml, range: NSRange(xhtml.startIndex..., in: xhtml))
            .compactMap { Range($0.range(at: 1), in: xhtml).map { String(xhtml[$0]) } })
        var out = xhtml
        for match in link.matches(in: xhtml, range: NSRange(xhtml.startIndex..., in: xhtml)).reversed() {
            guard let whole = Range(match.range, in: out), let target = Range(match.range(at: 1), in: out),
                  let text = Range(match.range(at: 2), in: out) else { continue }
            let href = String(out[target])
            let leadsSomewhere = href.contains("://") || href.hasPrefix("mailto:")
                || (href.hasPrefix("#") ? ids.contains(String(href.dropFirst())) : files.contains(href))
            if !leadsSomewhere { out.replaceSubrange(whole, with: String(out[text])) }
        }
        return out
    }

    /// `<img … src="…" …/>` as libxml2 writes it.
    private static let image = try! NSRegularExpression(pattern: #"<img [^>]*?src="([^"]*)"[^>]*/>"#)
    private static let alternative = try! NSRegularExpression(pattern: #"alt="([^"]*)""#)
    /// `<a href="…">text</a>`, and the ids a page defines.
    private static let link = try! NSRegularExpression(pattern: #"<a href="([^"]*)"[^>]*>(.*?)</a>"#,
                                                       options: [.dotMatchesLineSeparators])
    private static let identifier = try! NSRegularExpression(pattern: #" id="([^"]*)""#)
}

/// The cover: the title in large type over the course's level and subject, as SVG (text
/// only, so it is small and sharp on every screen).
struct CoverImage {
    let title: String
    let subtitle: String

    func svg() -> String {
        let lines = CoverImage.wrap(title, width: 16)
        let size = lines.count > 4 ? 44 : 56
        let top = 300 - lines.count * size / 2
        let text = lines.enumerated().map { index, line in
            "  <text x=\"60\" y=\"\(top + index * (size + 14))\" font-size=\"\(size)\" font-weight=\"bold\" fill=\"#ffffff\">\(XHTML.escape(line))</text>"
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="600" height="900" viewBox="0 0 600 900">
              <title>\(XHTML.escape(title))</title>
              <rect width="600" height="900" fill="#1f3a5f"/>
              <rect x="60" y="120" width="80" height="8" fill="#f2b134"/>
            \(text)
              <text x="60" y="780" font-size="28" fill="#dfe7f1">\(XHTML.escape(subtitle))</text>
            </svg>

            """
    }

    /// Words into lines of at most `width` characters (a longer word gets a line alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
