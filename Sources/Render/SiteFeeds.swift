import Foundation

/// The site's files for machines: `sitemap.xml` (sitemaps.org 0.9) and an Atom feed of
/// the courses. Both need the address the site is published at (`site.base_url`); the
/// same arguments always give the same bytes.
public enum SiteFeeds {
    /// A course as the feed lists it.
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var summary: String
        /// `YYYY-MM-DD`, from the catalog's `priority.created`; nil when it has none.
        public var created: String?

        public init(id: String, title: String, summary: String, created: String?) {
            self.id = id
            self.title = title
            self.summary = summary
            self.created = created
        }
    }

    /// `base` with exactly one trailing slash.
    static func base(_ url: String) -> String { url.hasSuffix("/") ? url : url + "/" }

    /// Every page, by its path in the site folder.
    public static func sitemap(baseURL: String, pages: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() {
            out += "  <url><loc>\(escaped(base(baseURL) + page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// The courses, newest first (by `created`, then title).
    public static func atom(baseURL: String, title: String, entries: [Entry]) -> String {
        let root = base(baseURL)
        let stamp = { (date: String?) in (date.flatMap(SiteFeeds.day) ?? "2000-01-01") + "T00:00:00Z" }
        let sorted = entries.sorted { (stamp($0.created), $1.title) > (stamp($1.created), $0.title) }
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(escaped(title))</title>
              <id>\(escaped(root))</id>
              <link rel="alternate" href="\(escaped(root))index.html"/>
              <link rel="self" href="\(escaped(root))feed.xml"/>
              <updated>\(stamp(sorted.first?.created))</updated>
              <author><name>\(escaped(title))</name></author>

            """
        for entry in sorted {
            let link = root + entry.id + "/index.html"
            out += """
                  <entry>
                    <title>\(escaped(entry.title))</title>
                    <id>\(escaped(link))</id>
                    <link rel="alternate" href="\(escaped(link))"/>
                    <updated>\(stamp(entry.created))</updated>
                    <summary>\(escaped(entry.summary))</summary>
                  </entry>

                """
        }
        return out + "</feed>\n"
    }

    /// `YYYY-MM-DD` when `text` starts with a valid one.
    static func day(_ text: String) -> String? {
        let day = String(text.prefix(10))
        return day.range(of: #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"#, options: .regularExpression) != nil ? day : nil
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
