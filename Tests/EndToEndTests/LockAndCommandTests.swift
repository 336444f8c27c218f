import Foundation
import Testing

@Suite struct LockAndCommandTests {
    /// A project big enough that a debug build takes a few seconds.
    func bigProject() throws -> TestProject {
        let project = try TestProject.empty().withTheme()
        for c in 0..<40 {
            try project.write("catalog/c\(c).md", "---\nid: c\(c)\ntitle: Course \(c)\nsource: {kind: content}\n---\n")
            for p in 0..<30 {
                try project.write("content/c\(c)/p\(p).md", "# Page \(p)\n\n" + String(repeating: "Some words here. ", count: 200))
            }
        }
        return project
    }

    @Test func aSecondBuildOnTheSameFolderFailsAtOnceWithExitCode3() throws {
        let project = try bigProject()
        let first = project.start(["all", "-j", "1"])
        // Wait until the first build holds the lock (its pid is in the lock file).
        let lockFile = project.path("build/.scrollbuild/lock")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: lockFile, encoding: .utf8), text.contains("\(first.pid)") { break }
            usleep(2000)
        }
        let started = Date()
        let second = try project.run(["all"])
        let waited = Date().timeIntervalSince(started)
        let firstOutcome = try first.wait()

        #expect(second.status == 3)
        #expect(second.stderr.contains("another scrollbuild (process \(first.pid)) is building into this folder"))
        #expect(waited < 2, "the second build waited \(waited) s instead of failing at once")
        #expect(firstOutcome.status == 0, "\(firstOutcome.stderr)")
        // The lock is released: a third build runs (and has nothing to do).
        #expect(try project.json(["all"]).tasksRun == 0)
    }

    @Test func statusAndExplainSayWhatChangedWithoutBuilding() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        let clean = try project.json(["status"])
        #expect(clean.int("tasks_stale") == 0)

        try project.edit("content/plain-markdown/01-the-basics.md", replacing: "A blank line", with: "An empty line")
        let stale = try project.json(["status"])
        #expect(stale.tasksRun == 0)
        let keys = Set((stale.object["stale"] as? [[String: String]] ?? []).compactMap { $0["key"] })
        #expect(keys.contains("page:plain-markdown/01-the-basics.html"))
        #expect(keys.contains("title:content/plain-markdown/01-the-basics.md"))

        let explain = try project.run(["explain", "plain-markdown/01-the-basics.html"])
        #expect(explain.stdout == """
            page:plain-markdown/01-the-basics.html would rebuild: input outline:plain-markdown changed
              because outline:plain-markdown: input title:content/plain-markdown/01-the-basics.md changed
              because title:content/plain-markdown/01-the-basics.md: input file:content/plain-markdown/01-the-basics.md changed
              because file:content/plain-markdown/01-the-basics.md: changed on disk
              content/plain-markdown/01-the-basics.md: its content changed

            """)
        // status built nothing: the next build still has the change to make.
        #expect(try project.json(["all"]).ran.contains("page:plain-markdown/01-the-basics.html"))
        let upToDate = try project.run(["explain", "page:plain-markdown/01-the-basics.html"])
        #expect(upToDate.stdout == "page:plain-markdown/01-the-basics.html: up to date\n")
    }

    @Test func graphPrintsDOT() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        let dot = try project.run(["graph", "git-foundations"]).stdout
        #expect(dot.hasPrefix("digraph scrollbuild {"))
        #expect(dot.contains("\"coursepages:git-foundations\" -> \"outline:git-foundations\";"))
        #expect(!dot.contains("page:learning-science"))
    }

    @Test func cleanRemovesTheSiteAndTheState() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        #expect(try project.run(["clean"]).status == 0)
        #expect(!project.exists("build/site"))
        #expect(!project.exists("build/.scrollbuild/trace"))
        #expect(try project.json(["all"]).tasksRun > 50)
    }
}
