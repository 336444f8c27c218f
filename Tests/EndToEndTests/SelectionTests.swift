import Foundation
import Testing

/// Issue 15: `--priority` orders which courses start first (read back from progress.json),
/// `--subject`, `--level` and `--limit` choose which are made, the index of a partial build
/// lists what exists, and `retry` runs exactly what failed.
@Suite struct SelectionTests {
    struct Spec {
        var id: String, title: String, subject: String, level: String, enrollment: Int, created: String
    }

    static let courses = [
        Spec(id: "algebra", title: "Zeta algebra", subject: "math", level: "beginner", enrollment: 500, created: "2025-01-10"),
        Spec(id: "botany", title: "Plants", subject: "biology", level: "advanced", enrollment: 9000, created: "2024-06-01"),
        Spec(id: "calculus", title: "Calculus", subject: "math", level: "advanced", enrollment: 1200, created: "2026-03-05"),
        Spec(id: "drawing", title: "Drawing hands", subject: "art", level: "beginner", enrollment: 40, created: "2026-07-19"),
        Spec(id: "ecology", title: "Ecology", subject: "biology", level: "intermediate", enrollment: 3000, created: "2023-02-02"),
        Spec(id: "fresco", title: "Alpha fresco", subject: "art", level: "advanced", enrollment: 700, created: "2025-12-24"),
    ]

    /// Six content courses of two chapters, each with its subject, level and priority fields.
    static func project() throws -> TestProject {
        let project = try TestProject.empty().withTheme()
        try project.write("scrollbuild.yml", "site:\n  title: Selection\n")
        for c in courses {
            try project.write("catalog/\(c.id).md", """
                ---
                id: \(c.id)
                title: \(c.title)
                subject: \(c.subject)
                level: \(c.level)
                priority: {enrollment: \(c.enrollment), created: \(c.created)}
                source:
                  kind: content
                ---
                A course on \(c.title.lowercased()).
                """)
            try project.write("content/\(c.id)/01-first.md", "# First\n\nThe first chapter of \(c.title).\n")
            try project.write("content/\(c.id)/02-second.md", "# Second\n\nThe second chapter of \(c.title).\n")
        }
        return project
    }

    /// The courses of progress.json in the order they started.
    static func startOrder(_ project: TestProject, buildDir: String) throws -> [String] {
        let data = Data(try project.read("\(buildDir)/.scrollbuild/progress.json").utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let courses = try #require(object["courses"] as? [String: [String: Any]])
        return courses.compactMap { id, c in (c["started"] as? Int).map { (id, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// The course pages of the index.
    static func listed(_ project: TestProject, buildDir: String = "build") throws -> [String] {
        let index = try project.read("\(buildDir)/site/index.html")
        return courses.map(\.id).filter { index.contains("href=\"\($0)/index.html\"") }
    }

    @Test func priorityOrdersWhichCoursesStartFirst() throws {
        let project = try Self.project()
        let expected: [(String, [String])] = [
            ("enrollment", Self.courses.sorted { $0.enrollment > $1.enrollment }.map(\.id)),
            ("created", Self.courses.sorted { $0.created > $1.created }.map(\.id)),
            ("alphabetical", Self.courses.sorted { $0.title.lowercased() < $1.title.lowercased() }.map(\.id)),
        ]
        for (order, ids) in expected {
            let run = try project.run(["all", "-j", "1", "--priority", order, "--build-dir", "build-\(order)"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try Self.startOrder(project, buildDir: "build-\(order)") == ids, "--priority \(order)")
        }
        // The dashboard of the last build, in a pipe: drawn once, since that build ended.
        let watch = try project.run(["status", "--watch", "--build-dir", "build-enrollment"])
        #expect(watch.status == 0)
        #expect(watch.stdout.hasPrefix("scrollbuild: 6 of 6 courses (6 done, 0 failed, 0 running) 100.0%\n"), "\(watch.stdout)")
        #expect(watch.stdout.contains("tasks: ") && watch.stdout.contains("llm: 0 calls"))
        var random: [[String]] = []
        for (n, seed) in ["7", "7", "8"].enumerated() {
            #expect(try project.run(["all", "-j", "1", "--priority", "random:\(seed)", "--build-dir", "build-random-\(n)"]).status == 0)
            random.append(try Self.startOrder(project, buildDir: "build-random-\(n)"))
        }
        #expect(random[0] == random[1], "the same seed gave two orders")
        #expect(random[0] != random[2] && Set(random[0]) == Set(Self.courses.map(\.id)))
        let bad = try project.run(["all", "--priority", "popularity"])
        #expect(bad.status == 64 && bad.stderr.contains("--priority: unknown order 'popularity'"), "\(bad.stderr)")
    }

    @Test func filtersAndLimitChooseTheCoursesAndTheIndexListsWhatExists() throws {
        let project = try Self.project()
        let math = try project.json(["all", "--subject", "math"])
        #expect(math.status == 0, "\(math.stderr)")
        #expect(math.courses.sorted() == ["algebra", "calculus"])
        #expect(try Self.listed(project) == ["algebra", "calculus"])
        #expect(!project.exists("build/site/botany/index.html"))

        // Another subject in the same folder: the index lists both, nothing else is built.
        let art = try project.json(["all", "--subject", "art", "--level", "advanced"])
        #expect(art.courses == ["fresco"])
        #expect(!art.ran.contains { $0.contains("algebra") || $0.contains("calculus") || $0.contains("drawing") }, "\(art.ran)")
        #expect(try Self.listed(project) == ["algebra", "calculus", "fresco"])

        // The first two by enrollment: botany (9000) and ecology (3000).
        let top = try project.json(["all", "--limit", "2", "--priority", "enrollment", "--build-dir", "top"])
        #expect(top.courses.sorted() == ["botany", "ecology"])
        #expect(try Self.listed(project, buildDir: "top") == ["botany", "ecology"])
        #expect(!project.exists("top/site/calculus"))

        // The whole catalog then builds only what is missing, and lists everything.
        let all = try project.json(["all"])
        #expect(all.status == 0)
        #expect(!all.ran.contains("page:algebra/01-first.html") && all.ran.contains("page:botany/01-first.html"))
        #expect(try Self.listed(project) == Self.courses.map(\.id))
    }

    @Test func retryRunsExactlyTheFailedTasks() async throws {
        let server = try LLMServer()
        let project = try Self.project()
        try project.useServer(server)
        for id in ["half", "whole"] {
            try project.write("catalog/\(id).md", """
                ---
                id: \(id)
                title: \(id.capitalized)
                source:
                  kind: modules
                  modules:
                    - title: Fine module of \(id)
                      lectures: [one, two]
                    - title: \(id == "half" ? "DOOMED-MODULE" : "Another fine module")
                      lectures: [three, four]
                ---
                A course of two modules.
                """)
        }
        try await server.control(["fail_marker": "DOOMED-MODULE"])
        let first = try project.json(["all", "-k", "-j", "2"], environment: LLMBuildTests.environment)
        #expect(first.status == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(project.read("build/.scrollbuild/last-failures.json").utf8))
                                  as? [String: Any])
        let failed = Set(try #require(record["tasks"] as? [String]))
        #expect(failed == ["generate:half/module-02"], "\(failed)")
        #expect(record["arguments"] as? [String] == ["all", "-k", "-j", "2", "--json"])
        // The dashboard's last word: the failed course counted, no task left running
        // (those its failure stopped included).
        let progress = try #require(try JSONSerialization.jsonObject(with: Data(project.read("build/.scrollbuild/progress.json").utf8))
                                    as? [String: Any])
        #expect((progress["totals"] as? [String: Int])?["failed"] == 1)
        #expect((progress["tasks"] as? [String: Int])?["running"] == 0, "\(progress["tasks"] ?? "")")
        let errors = (progress["workers"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["errors"] as? Int ?? 0) }
        #expect(errors == 1)

        try await server.control(["fail_marker": ""])
        let before = try await server.stats(brief: true).requests.count
        let outcome = try project.run(["retry"], environment: LLMBuildTests.environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("retry: 1 failed task; building 1 course again"), "\(outcome.stderr)")
        let retry = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let ran = Set(retry["ran"] as? [String] ?? [])
        // The failed task, and what was not built because of it (its page, the course's page
        // list and data file); nothing of any other course.
        #expect(failed.isSubset(of: ran))
        #expect(ran == ["generate:half/module-02", "page:half/module-02.html", "coursepages:half", "coursedata:half"],
                "\(ran.sorted())")
        let requests = Array(try await server.stats().requests.dropFirst(before))
        let about = requests.map { request in
            (try? JSONSerialization.data(withJSONObject: request["messages"] ?? [])).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        #expect(!requests.isEmpty && about.allSatisfy { $0.contains("DOOMED-MODULE") }, "\(requests.count) requests")
        #expect(!project.exists("build/.scrollbuild/last-failures.json"))
        let again = try project.run(["retry"])
        #expect(again.status == 0 && again.stdout.contains("had no failures; nothing to do"))
    }
}
