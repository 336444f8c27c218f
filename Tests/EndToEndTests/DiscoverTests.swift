import Discovery
import Effects
import Foundation
import Testing

/// Issue 16: `scrollbuild discover ocw` against a fixture of OpenCourseWare's structure
/// (Tests/Fixtures/ocw-site) served on loopback: sitemaps, data.json files, pages of both
/// eras, robots.txt, ETags, a 429 with Retry-After, a 500, a truncated body, a course
/// with fields missing.
@Suite(.serialized) struct DiscoverTests {
    static let delay = 0.05

    static func project() throws -> TestProject {
        let project = try TestProject.empty()
        try project.write("scrollbuild.yml", """
            discover:
              contact: https://example.org/course-team
              delay_ms: \(Int(delay * 1000))
              attempts: 3
              backoff_ms: 50
            """)
        return project
    }

    static func discover(_ project: TestProject, _ server: SiteServer, _ extra: [String] = [],
                         environment: [String: String] = [:]) throws -> BuildJSON {
        try project.json(["discover", "ocw", "--base-url", server.baseURL] + extra, environment: environment)
    }

    static func entries(_ project: TestProject) throws -> [String: [String: Any]] {
        let folder = project.path("catalog/external/ocw")
        var entries: [String: [String: Any]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            entries[name] = object as? [String: Any]
        }
        return entries
    }

    static func strings(_ object: [String: Any]?, _ key: String) -> [String] { object?[key] as? [String] ?? [] }

    @Test func twentyCoursesThenOnlyConditionalRequestsThenExactlyTheEditedOne() throws {
        let server = try SiteServer(fixture: "ocw-site")
        let project = try Self.project()
        let first = try Self.discover(project, server, ["--limit", "20"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.strings(first.object, "new").count == 20)
        let entries = try Self.entries(project)
        #expect(entries.count == 20)

        // Every field the fixture's data.json has is in the entry.
        let fixtures = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/ocw-site/courses")
        var compared = 0
        for (name, entry) in entries {
            let source = entry["source"] as? [String: Any]
            let slug = String(name.dropFirst("ocw-".count).dropLast(".json".count))
            #expect(source?["prerequisites_text"] as? String != nil, "\(name): no prerequisites")
            #expect(Self.strings(source, "missing").isEmpty, "\(name): missing \(Self.strings(source, "missing"))")
            guard let bytes = try? Data(contentsOf: fixtures.appendingPathComponent(slug + "/data.json")),
                  let data = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
                // A Plone-era course: read from its home page.
                #expect(entry["description"] as? String != nil && !Self.strings(source, "instructors").isEmpty, "\(name)")
                #expect(Self.strings(source, "course_numbers").count == 1 && source?["year"] as? String != nil, "\(name)")
                continue
            }
            compared += 1
            #expect(entry["title"] as? String == data["course_title"] as? String)
            #expect(entry["description"] as? String == data["course_description"] as? String)
            let numbers = [data["primary_course_number"] as! String]
                + (data["extra_course_numbers"] as! String).split(separator: ",").map(String.init)
            #expect(Self.strings(source, "course_numbers") == numbers.filter { !$0.isEmpty })
            #expect(Self.strings(source, "departments") == data["department_numbers"] as? [String])
            #expect(Self.strings(source, "levels") == data["level"] as? [String])
            #expect(source?["term"] as? String == data["term"] as? String)
            #expect(source?["year"] as? String == data["year"] as? String)
            #expect(Self.strings(source, "topics") == (data["topics"] as? [[String]])?.map { $0.joined(separator: " > ") })
            #expect(Self.strings(source, "instructors") == (data["instructors"] as? [[String: Any]])?.map { $0["title"] as! String })
            #expect(Self.strings(source, "resource_types") == data["learning_resource_types"] as? [String])
        }
        #expect(compared == 18, "18 of the first 20 courses are today's, 2 from the Plone era")

        try server.clearLog()
        let second = try Self.discover(project, server, ["--limit", "20"])
        let asked = try server.log()
        #expect(second.status == 0)
        #expect(!asked.isEmpty)
        #expect(asked.allSatisfy { $0.conditional && $0.status == 304 },
                "unconditional or changed: \(asked.filter { !$0.conditional || $0.status != 304 }.map(\.path))")
        #expect(Self.strings(second.object, "new").isEmpty && Self.strings(second.object, "changed").isEmpty)
        #expect(second.int("unchanged") == 20)

        try server.edit("/courses/18-06-linear-algebra-spring-2010/data.json",
                        replacing: "\"course_title\": \"Linear Algebra\"", with: "\"course_title\": \"Linear Algebra (Strang)\"")
        let third = try Self.discover(project, server, ["--limit", "20"])
        #expect(Self.strings(third.object, "changed") == ["ocw-18-06-linear-algebra-spring-2010"])
        #expect(Self.strings(third.object, "new").isEmpty && third.int("unchanged") == 19)
        #expect(try project.read("catalog/external/ocw/ocw-18-06-linear-algebra-spring-2010.json")
            .contains("\"title\": \"Linear Algebra (Strang)\""))
    }

    @Test func everyCourseButTheBrokenOnesIsImportedPolitely() throws {
        let server = try SiteServer(fixture: "ocw-site")
        let project = try Self.project()
        let run = try Self.discover(project, server)
        #expect(run.status == 1, "failures make the exit status 1")
        let failures = run.object["failures"] as? [[String: String]] ?? []
        #expect(failures.count == 2, "\(failures)")
        #expect(failures.contains { $0["url"]!.hasSuffix("/10-10-introduction-to-chemical-engineering-fall-2020/data.json")
            && $0["reason"] == "the server answered 500" })
        #expect(failures.contains { $0["url"]!.hasSuffix("/12-001-introduction-to-geology-fall-2013/data.json") })
        let missing = run.object["missing_fields"] as? [String: [String]] ?? [:]
        #expect(missing["ocw-21m-011-introduction-to-western-music-fall-2013"] == ["topics", "instructors"])
        #expect(Self.strings(run.object, "disallowed") == ["ocw-6-s099-private-pilot-course-spring-2021"])
        let entries = try Self.entries(project)
        #expect(entries.count == 24, "27 listed, 1 disallowed, 2 failed")
        #expect(entries["ocw-7-012-introduction-to-biology-fall-2004.json"] != nil, "the 429 was not retried")

        // Prerequisites: what the syllabi say, resolved to the entries.
        #expect(entries["ocw-6-006-introduction-to-algorithms-spring-2020.json"]?["prerequisites"] as? [String]
                == ["ocw-6-0001-introduction-to-computer-science-and-programming-in-python-fall-2016",
                    "ocw-6-042j-mathematics-for-computer-science-spring-2015"])
        #expect(entries["ocw-8-04-quantum-physics-i-spring-2016.json"]?["prerequisites"] as? [String]
                == ["ocw-8-03sc-physics-iii-vibrations-and-waves-fall-2016"], "a prerequisite's prerequisite is not direct")
        #expect(entries["ocw-8-01sc-classical-mechanics-fall-2016.json"]?["prerequisites"] as? [String] == [],
                "a co-requisite is no prerequisite")
        let unknown = run.object["unknown_prerequisites"] as? [String: [String]] ?? [:]
        #expect(unknown["ocw-8-333-statistical-mechanics-i-statistical-mechanics-of-particles-fall-2007"] == ["8.044", "8.05"])
        #expect(Self.strings(run.object, "open_prerequisites") == ["ocw-14-02-principles-of-macroeconomics-spring-2014"])
        #expect((run.object["cycles"] as? [Any])?.isEmpty == true)

        let log = try server.log()
        #expect(!log.contains { $0.path.hasPrefix("/courses/private/") }, "a disallowed path was requested")
        #expect(log.allSatisfy { $0.userAgent.hasPrefix("scrollbuild/") && $0.userAgent.hasSuffix("(+https://example.org/course-team)") })
        #expect(log.contains { $0.acceptEncoding.contains("gzip") })
        let gaps = zip(log.dropFirst(), log).map { $0.time - $1.time }
        #expect(gaps.min() ?? 0 >= Self.delay - 0.015, "requests \(gaps.min() ?? 0) s apart; the delay is \(Self.delay) s")
        let biology = log.filter { $0.path.hasSuffix("/7-012-introduction-to-biology-fall-2004/data.json") }
        #expect(biology.map(\.status) == [429, 200])
        if biology.count == 2 { #expect(biology[1].time - biology[0].time >= 1.0, "Retry-After: 1 was not waited for") }
        print("discover: \(log.count) requests, smallest gap \(String(format: "%.3f", gaps.min() ?? 0)) s, "
              + "Retry-After wait \(String(format: "%.2f", biology.count == 2 ? biology[1].time - biology[0].time : 0)) s")

        // A course the index no longer lists is marked removed, not deleted.
        let gone = "  <sitemap>\n    <loc>\(server.baseURL)/courses/14-01-principles-of-microeconomics-fall-2018/sitemap.xml</loc>\n"
            + "    <lastmod>2024-05-01T12:00:00+00:00</lastmod>\n  </sitemap>\n"
        try server.edit("/sitemap.xml", replacing: gone, with: "")
        let after = try Self.discover(project, server)
        #expect(Self.strings(after.object, "removed") == ["ocw-14-01-principles-of-microeconomics-fall-2018"])
        let marked = try Self.entries(project)["ocw-14-01-principles-of-microeconomics-fall-2018.json"]
        #expect((marked?["source"] as? [String: Any])?["removed"] as? Bool == true)
        #expect(Self.strings(try Self.discover(project, server).object, "removed").isEmpty, "marked again")

        // Two courses that require each other are reported.
        try server.edit("/courses/18-02sc-multivariable-calculus-fall-2010/pages/syllabus/",
                        replacing: "18.01 Single Variable Calculus is a prerequisite",
                        with: "18.01 Single Variable Calculus and 18.06 Linear Algebra are prerequisites")
        let cyclic = try Self.discover(project, server)
        #expect(cyclic.object["cycles"] as? [[String]]
                == [["ocw-18-02sc-multivariable-calculus-fall-2010", "ocw-18-06-linear-algebra-spring-2010"]])
        let summary = try project.run(["discover", "ocw", "--base-url", server.baseURL]).stdout
        #expect(summary.contains("  cycle: ocw-18-02sc-multivariable-calculus-fall-2010 → ocw-18-06-linear-algebra-spring-2010 → "
                                 + "ocw-18-02sc-multivariable-calculus-fall-2010"), "\(summary)")
    }

    @Test func theModelIsAskedOnlyAboutTextsNoPatternSettlesAndOnlyOnce() async throws {
        let server = try SiteServer(fixture: "ocw-site")
        let llm = try LLMServer()
        let project = try Self.project()
        try project.useServer(llm)
        let key = ["SCROLLBUILD_API_KEY": "sk-test"]
        let run = try Self.discover(project, server, environment: key)
        let stats = try await llm.stats()
        #expect(stats.chatRequests == 1, "one batch: the one text no pattern settles")
        #expect(stats.steps() == ["detect-prerequisites"])
        let asked = stats.chatRequests == 1 ? stats.messages(0) : ""
        #expect(asked.contains("ocw-14-02-principles-of-macroeconomics-spring-2014"))
        #expect(asked.components(separatedBy: "\"course\":").count - 1 == 1, "other courses were sent to the model: \(asked)")
        #expect(run.int("asked_model") == 1)
        #expect(Self.strings(run.object, "open_prerequisites").isEmpty)
        let entry = try Self.entries(project)["ocw-14-02-principles-of-macroeconomics-spring-2014.json"]
        #expect(entry?["prerequisites"] as? [String] == ["ocw-14-01-principles-of-microeconomics-fall-2018"])
        let relations = (entry?["source"] as? [String: Any])?["prerequisite_relations"] as? [[String: Any]]
        #expect(relations?.first?["evidence"] as? String == "Principles of Microeconomics")

        let again = try Self.discover(project, server, environment: key)
        #expect(try await llm.stats().chatRequests == 1, "the answer was not cached")
        #expect(again.int("unchanged") == 24)
    }

    @Test func khanAcademysSubjectsCoursesAndUnitsFromItsSitemapsPagesAndExport() throws {
        let server = try SiteServer(fixture: "khan-site")
        let project = try Self.project()
        let run = try project.json(["discover", "khan", "--base-url", server.baseURL])
        #expect(run.status == 0, "\(run.stderr)")
        let folder = project.path("catalog/external/khan")
        func entry(_ id: String) throws -> [String: Any]? {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(id).json"))) as? [String: Any]
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
            "khan-computing-computer-programming.json", "khan-math-algebra.json", "khan-math-geometry.json",
            "khan-math-statistics-probability.json", "khan-science-biology.json", "khan-science-chemistry.json"])
        let biology = try entry("khan-science-biology")
        #expect(biology?["title"] as? String == "High school biology" && biology?["subject"] as? String == "Science")
        let units = (biology?["source"] as? [String: Any])?["units"] as? [[String: String]] ?? []
        #expect(units.map { $0["title"] } == ["Biology foundations", "Cells", "Energy and transport"])
        #expect(units.first?["url"] == server.baseURL + "/science/biology/hs-biology-foundations")
        #expect(units.first?["description"] == "Properties of life, the scientific method and the levels of organization.")
        #expect((run.object["missing_fields"] as? [String: [String]])?["khan-science-chemistry"] == ["description"])
        let asked = try server.log().map(\.path)
        #expect(!asked.contains { $0.hasSuffix("/lesson-1") || $0 == "/about" }, "a lesson or a page of no subject was fetched")

        try server.clearLog()
        #expect(try project.json(["discover", "khan", "--base-url", server.baseURL]).int("unchanged") == 6)
        #expect(try server.log().allSatisfy { $0.status == 304 })

        // The content export instead of the pages: prerequisites, and unlisted courses left out.
        let exported = try Self.project()
        let tsv = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/khan-export.tsv").path
        let fromExport = try exported.json(["discover", "khan", "--tsv", tsv])
        #expect(fromExport.status == 0 && Self.strings(fromExport.object, "new").count == 7, "\(fromExport.stdout)")
        let geometry = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            exported.path("catalog/external/khan/khan-math-geometry.json")))) as? [String: Any]
        #expect(geometry?["prerequisites"] as? [String] == ["khan-math-algebra"])
        #expect(!exported.exists("catalog/external/khan/khan-math-algebra-basics.json"), "an unlisted course was imported")

        // The sync report: a project course on triangles meets geometry, and geometry's prerequisite.
        try exported.write("catalog/triangles.md", """
            ---
            id: triangles
            title: Triangles and similarity
            subject: mathematics
            level: beginner
            source: {kind: content}
            ---
            Congruence and similarity of triangles, with proofs and transformations.
            """)
        let report = try exported.run(["discover", "report", "--json"])
        let rows = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["courses"] as? [[String: Any]]
        let triangles = rows?.first { $0["id"] as? String == "triangles" }
        #expect((triangles?["similar"] as? [[String: Any]])?.first?["id"] as? String == "khan-math-geometry", "\(report.stdout)")
        #expect((triangles?["prerequisites"] as? [[String: Any]])?.first?["id"] as? String == "khan-math-algebra")
    }

    @Test func aKilledRunIsContinuedWithoutFetchingAnythingTwice() throws {
        let server = try SiteServer(fixture: "ocw-site")
        let project = try Self.project()
        let running = project.start(["discover", "ocw", "--base-url", server.baseURL])
        while try server.log().count < 30 && running.process.isRunning { usleep(20_000) }
        kill(running.pid, SIGKILL)
        _ = try running.wait()
        let before = try server.log()
        #expect(before.count >= 30, "the run ended before it could be killed")
        try server.clearLog()

        let resumed = try Self.discover(project, server)
        let answered = Set(before.filter { $0.status == 200 || $0.status == 404 }.map(\.path))
        let again = try server.log().filter { answered.contains($0.path) }.map(\.path)
        #expect(again.count <= 1, "fetched again after the kill: \(again) (one may have been in flight)")
        #expect(try Self.entries(project).count == 24)
        #expect((resumed.object["failures"] as? [Any])?.count == 2)
        let check = try HTTPDiskCache(folder: project.path("build/.scrollbuild/http"), fileSystem: LocalFileSystem()).check()
        #expect(check.corrupt.isEmpty && check.entries > 60, "\(check)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path("catalog/external/ocw")).filter { !$0.hasSuffix(".json") }
        #expect(leftovers.isEmpty)
        print("kill: \(before.count) requests before the kill, \(again.count) repeated after it, \(check.entries) cache entries")
    }
}
