import Foundation
import LLM
import Testing

/// Issue 16, item 6: what `discover` imports is part of the built site. The catalog reads
/// `catalog/external/<site>/*.json`; each imported course has its page (what the site says,
/// its prerequisites, the courses that build on it, the way there), `imported.html` lists
/// them with filters, the map of prerequisites draws them, and a project course can name
/// one as a prerequisite.
@Suite(.serialized) struct ImportedCoursesTests {
    static let algorithms = "ocw-6-006-introduction-to-algorithms-spring-2020"

    /// 20 courses from the OpenCourseWare fixture, 7 from the Khan Academy export, and one
    /// course of the project's own that names 6.006 as a prerequisite.
    static func project(_ server: SiteServer) throws -> TestProject {
        let project = try DiscoverTests.project()
        #expect(try DiscoverTests.discover(project, server, ["--limit", "20"]).status == 0)
        let tsv = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/khan-export.tsv").path
        #expect(try project.json(["discover", "khan", "--tsv", tsv]).status == 0)
        try project.write("catalog/algorithms-in-practice.md", """
            ---
            id: algorithms-in-practice
            title: Algorithms in Practice
            subject: computer-science
            level: advanced
            prerequisites: [\(algorithms)]
            source: {kind: content}
            ---
            Profiling, caches and the constant factors a textbook leaves out.
            """)
        try project.write("content/algorithms-in-practice/01-measure-first.md", "# Measure first\n\nProfile before you optimise.\n")
        return project
    }

    static func cards(_ html: String) -> [String] {
        html.components(separatedBy: "<li class=\"card\"").dropFirst().map { $0.components(separatedBy: "</li>")[0] }
    }

    @Test func theSiteListsImportedCoursesAndAProjectCourseNamesOneAsPrerequisite() throws {
        let server = try SiteServer(fixture: "ocw-site")
        let project = try Self.project(server)
        let build = try project.json(["all"])
        #expect(build.status == 0 && build.errors.isEmpty, "\(build.stderr)")
        #expect(build.courses.count == 28, "\(build.courses)")

        // The index lists the project's own course and links the 27 imported ones.
        let index = try project.read("build/site/index.html")
        #expect(Self.cards(index).count == 1)
        #expect(index.contains("<a href=\"imported.html\">27 imported courses</a>"))
        // imported.html: every imported course once, with its site for the filter.
        let imported = try project.read("build/site/imported.html")
        let cards = Self.cards(imported)
        #expect(cards.filter { $0.contains("data-provider=\"MIT OpenCourseWare\"") }.count == 20)
        #expect(cards.filter { $0.contains("data-provider=\"Khan Academy\"") }.count == 7)
        #expect(imported.contains("<option value=\"Khan Academy\">") && imported.contains("href=\"prerequisites.svg\""))

        // The project course's prerequisite is the imported course's page on this site.
        let own = try project.read("build/site/algorithms-in-practice/index.html")
        #expect(own.contains("<a href=\"../\(Self.algorithms)/index.html\">Introduction to Algorithms</a>"))
        // That page: the way to OpenCourseWare, its own prerequisites, and who builds on it.
        let page = try project.read("build/site/\(Self.algorithms)/index.html")
        #expect(page.contains("<a href=\"\(server.baseURL)/courses/6-006-introduction-to-algorithms-spring-2020/\" rel=\"external\">"
                              + "Take this course on MIT OpenCourseWare →</a>"), "\(page)")
        let before = page.components(separatedBy: "Before you start")[1].components(separatedBy: "</aside>")[0]
        #expect(before.contains("Introduction to Computer Science and Programming in Python")
                && before.contains("Mathematics for Computer Science"), "\(before)")
        let after = page.components(separatedBy: "Courses that build on it")[1]
        #expect(after.contains("../algorithms-in-practice/index.html") && after.contains("Design and Analysis of Algorithms"))
        #expect(page.contains("<dt>Instructors</dt><dd>Prof. Erik Demaine, Dr. Jason Ku, Prof. Justin Solomon</dd>"))

        // The map draws imported and own courses: an arrow from 6.006 to the project's course.
        let map = try project.read("build/site/prerequisites.svg")
        let algorithms = Self.algorithms.replacingOccurrences(of: "-", with: "&#45;")
        #expect(map.contains("<title>\(algorithms)&#45;&gt;algorithms&#45;in&#45;practice</title>"), "\(map.prefix(600))")
        #expect(map.contains("<title>khan&#45;math&#45;algebra&#45;&gt;khan&#45;math&#45;geometry</title>"))

        // The course data says where the course is, in the shape schemas/course.json gives.
        let schema = JSONSchema(try JSONValue(parsing: Data(contentsOf: TestProject.packageRoot.appendingPathComponent("schemas/course.json"))))
        let data = try JSONValue(parsing: Data(try project.read("build/site/api/courses/\(Self.algorithms).json").utf8))
        #expect(schema.violations(of: data).isEmpty, "\(schema.violations(of: data))")
        #expect(data["kind"] == "external" && data["external"]?["provider"] == "ocw")

        // Nothing changed, nothing runs: not even after discover checks the site again.
        #expect(try DiscoverTests.discover(project, server, ["--limit", "20"]).int("unchanged") == 20)
        let again = try project.json(["all"])
        #expect(again.tasksRun == 0, "\(again.stdout)")
    }

    /// In headless Chromium, from file://: the Site filter shows one site's courses and
    /// counts them, the Subject filter one subject's.
    @Test func theFiltersOfImportedCoursesWorkInABrowser() throws {
        let server = try SiteServer(fixture: "ocw-site")
        let project = try Self.project(server)
        #expect(try project.run(["all"]).status == 0)
        let script = TestProject.packageRoot.appendingPathComponent("Tests/EndToEndTests/imported_browser.py").path
        let browser = try SiteValidationTests.run(["python3", script, project.path("build/site"), project.path("build/screenshots")],
                                                  in: project.root)
        #expect(browser.status == 0, "\(browser.output)")
        #expect(browser.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == 5, "\(browser.output)")
        #expect(project.exists("build/screenshots/imported-1280.png"))
    }
}
