import Foundation
import Testing

/// Issue 13: a chapter's images and downloads are copied into the site under their
/// digest; a link to a missing chapter and a missing image are warnings at their
/// file:line:column (errors with --deny-warnings); the sample site has no broken link.
@Suite struct ChapterAssetTests {
    @Test func anImageBesideAChapterIsCopiedAndBrokenOnesAreWarnedAtTheirLine() throws {
        let project = try TestProject.empty()
        try project.write("catalog/guide.md", "---\nid: guide\ntitle: Guide\nsource: {kind: content}\n---\nA guide.\n")
        try project.write("content/guide/01-start.md", """
            # Start

            The owner model: ![diagram](img/owner.png) and [the notes](files/notes.txt).
            Next, [the second chapter](02-next.md); then [a missing one](03-missing.md).
            A broken picture: ![gone](img/gone.png). In code, `![not an image](nowhere.png)` stays.

            """)
        try project.write("content/guide/02-next.md", "# Next\n\nBack to [the start](01-start.md#start).\n")
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        try FileManager.default.createDirectory(atPath: project.path("content/guide/img"), withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: project.path("content/guide/img/owner.png")))
        try project.write("content/guide/files/notes.txt", "notes\n")

        let run = try project.run(["all"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/guide/01-start.md:4:46: warning: link '03-missing.md' leads to no chapter"), "\(run.stderr)")
        #expect(run.stderr.contains("content/guide/01-start.md:5:19: warning: image 'img/gone.png' names no file"), "\(run.stderr)")
        let page = try project.read("build/site/guide/01-start.html")
        let images = Self.attributes("src", in: page).filter { $0.hasPrefix("assets/") }
        #expect(images.count == 1 && images[0].hasSuffix(".png"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.path("build/site/guide/" + images[0]))) == png)
        #expect(Self.attributes("href", in: page).contains { $0.hasPrefix("assets/") && $0.hasSuffix(".txt") })
        #expect(page.contains("href=\"02-next.html\"") && !page.contains("03-missing"))
        #expect(page.contains("<code>![not an image](nowhere.png)</code>"))
        #expect(try project.read("build/site/guide/02-next.html").contains("href=\"01-start.html#start\""))

        // A build that runs nothing still reports them (kept with their tasks), and denies them.
        let again = try project.json(["all", "--deny-warnings"])
        #expect(again.tasksRun == 0 && again.status == 1, "\(again.ran)")
        #expect(again.stderr.contains("content/guide/01-start.md:4:46: warning: link '03-missing.md'") && again.stderr.contains("warnings are denied"),
                "\(again.stderr)")
        // Fixed, the warning is gone; the other one stays.
        try project.edit("content/guide/01-start.md", replacing: "[a missing one](03-missing.md)", with: "a missing one")
        let fixed = try project.run(["all"])
        #expect(!fixed.stderr.contains("03-missing") && fixed.stderr.contains("img/gone.png"), "\(fixed.stderr)")
        // A deleted chapter takes its warnings with it.
        try project.edit("catalog/guide.md", replacing: "source: {kind: content}", with: "source: {kind: content, chapters: [02-next.md]}")
        let gone = try project.run(["all"])
        #expect(!gone.stderr.contains("content/guide/01-start.md:"), "\(gone.stderr)")
        #expect(gone.stderr.contains("content/guide/02-next.md:3:9: warning: link '01-start.md#start' leads to no chapter"))
    }

    /// Issue 14: a chapter's image goes into its EPUB (listed in the package, shown in the
    /// chapter) and its cartridge (beside the page, listed as a file of its resource); a
    /// download link becomes text in the EPUB, whose readers open only the book's pages.
    @Test func aChaptersImageIsPackagedInItsEPUBAndCartridge() throws {
        let project = try TestProject.empty()
        try project.write("catalog/guide.md", "---\nid: guide\ntitle: Guide\noutputs: [site, epub, cartridge]\nsource: {kind: content}\n---\nA guide.\n")
        try project.write("content/guide/01-start.md", "# Start\n\nThe owner model: ![diagram](img/owner.png) and [the notes](files/notes.txt).\n")
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!
        try FileManager.default.createDirectory(atPath: project.path("content/guide/img"), withIntermediateDirectories: true)
        try png.write(to: URL(fileURLWithPath: project.path("content/guide/img/owner.png")))
        try project.write("content/guide/files/notes.txt", "notes\n")
        let run = try project.run(["all"])
        #expect(run.status == 0, "\(run.stderr)")
        let name = "assets/" + (Self.attributes("src", in: try project.read("build/site/guide/01-start.html"))
            .first { $0.hasPrefix("assets/") }?.dropFirst("assets/".count) ?? "")
        #expect(name.hasSuffix(".png"))

        let epub = project.root.appendingPathComponent("epub")
        #expect(try SiteValidationTests.run(["unzip", "-q", project.path("build/site/guide/guide.epub"), "-d", epub.path],
                                            in: project.root).status == 0)
        #expect(try Data(contentsOf: epub.appendingPathComponent("EPUB/" + name)) == png)
        #expect(try String(contentsOf: epub.appendingPathComponent("EPUB/package.opf"), encoding: .utf8)
            .contains("href=\"\(name)\" media-type=\"image/png\""))
        let chapter = try String(contentsOf: epub.appendingPathComponent("EPUB/chapter-1.xhtml"), encoding: .utf8)
        #expect(chapter.contains("src=\"\(name)\"") && chapter.contains("and the notes.") && !chapter.contains(".txt"), "\(chapter)")
        for (version, jar) in PackageValidationTests.epubchecks {
            let (_, output) = try PackageValidationTests.run(["java", "-jar", jar, project.path("build/site/guide/guide.epub")])
            #expect(output.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "epubcheck \(version):\n\(output)")
        }

        let cartridge = project.root.appendingPathComponent("cartridge")
        #expect(try SiteValidationTests.run(["unzip", "-q", project.path("build/site/guide/guide.imscc"), "-d", cartridge.path],
                                            in: project.root).status == 0)
        #expect(try Data(contentsOf: cartridge.appendingPathComponent("pages/" + name)) == png)
        #expect(try String(contentsOf: cartridge.appendingPathComponent("imsmanifest.xml"), encoding: .utf8)
            .contains("<file href=\"pages/\(name)\"/>"))
    }

    /// `check` runs the same checks without writing the site, exits 1 on a warning, and
    /// pays for no LLM answer the build already has.
    @Test func checkFindsABrokenLinkWithoutWritingTheSiteAndPaysNothingTwice() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        let environment = ["SCROLLBUILD_API_KEY": "sk-test-check"]
        #expect(try project.run(["all"], environment: environment).status == 0)
        let paid = try await server.stats().chatRequests
        try FileManager.default.removeItem(atPath: project.path("build/site"))

        let clean = try project.run(["check"], environment: environment)
        #expect(clean.status == 0 && clean.stdout.contains("check: 0 errors, 0 warnings (no site written)"), "\(clean.stdout)\(clean.stderr)")
        #expect(try await server.stats().chatRequests == paid)  // the build's answers, from the cache
        #expect(!project.exists("build/site"))

        try project.edit("content/git-foundations/commits.md", replacing: "# Commits and history", with: "# Commits and history\n\nSee [gone](09-gone.md).")
        let broken = try project.run(["check"], environment: environment)
        #expect(broken.status == 1 && broken.stdout.contains("check: 0 errors, 1 warning"), "\(broken.stdout)")
        // A second check with nothing changed runs nothing and still fails on it.
        let again = try project.run(["check"], environment: environment)
        #expect(again.status == 1 && again.stdout.contains("check: 0 errors, 1 warning"), "\(again.stdout)")
        #expect(broken.stderr.contains("content/git-foundations/commits.md:3:5: warning: link '09-gone.md' leads to no chapter"),
                "\(broken.stderr)")
        #expect(!project.exists("build/site"))
    }

    /// `check --external` asks each web link once (HEAD), reports the broken one at a page
    /// that has it, and asks nothing again within a day.
    @Test func checkExternalAsksEachWebLinkOnceAndReportsTheBrokenOne() async throws {
        let site = try LLMServer()  // HEAD /ok: 200; anything else: 404
        // A project of its own: every web link in it goes to 127.0.0.1.
        let project = try TestProject.empty()
        let base = "http://127.0.0.1:\(site.port)"
        try project.write("catalog/git-foundations.md", "---\nid: git-foundations\ntitle: Git\nsource: {kind: content}\n---\nGit.\n")
        try project.write("content/git-foundations/commits.md",
                          "# Commits and history\n\nRead [the guide](\(base)/ok) and [the old one](\(base)/moved).\n")
        let first = try project.run(["check", "--external"])
        #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("git-foundations/commits.html: link \(base)/moved is broken (HTTP 404)"), "\(first.stderr)")
        #expect(!first.stderr.contains("\(base)/ok is broken"))
        #expect(try await site.stats().object["heads"] as? Int == 2)
        let second = try project.run(["check", "--external"])
        #expect(second.status == 1 && second.stderr.contains("\(base)/moved is broken"))
        #expect(try await site.stats().object["heads"] as? Int == 2)  // answered from build/.scrollbuild/links.json
    }

    @Test func theSampleSiteHasNoBrokenInternalLink() throws {
        let project = try TestProject.sample(withDocs: true)
        #expect(try project.run(["all"]).status == 0)
        let site = project.path("build/site")
        var broken: [String] = []
        var checked = 0
        for page in try FileManager.default.subpathsOfDirectory(atPath: site) where page.hasSuffix(".html") {
            let folder = (page as NSString).deletingLastPathComponent
            for target in Self.attributes("href", in: try project.read("build/site/" + page))
                + Self.attributes("src", in: try project.read("build/site/" + page)) {
                guard !target.isEmpty, !target.contains(":"), !target.hasPrefix("#") else { continue }
                let path = String(target.split(separator: "#").first ?? "").removingPercentEncoding ?? target
                checked += 1
                let resolved = (site + "/" + folder + "/" + path as NSString).standardizingPath
                if !FileManager.default.fileExists(atPath: resolved) { broken.append("\(page): \(target)") }
            }
        }
        #expect(checked > 200)
        #expect(broken.isEmpty, "\(broken.prefix(20))")
    }

    static func attributes(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
