import Effects
import Foundation
import Testing

@Suite struct LockAndCommandTests {
    /// The test holds the build folder's lock itself (no race with a running build): a
    /// build fails at once with exit code 3 naming the holder, and runs once it is released.
    @Test func aSecondBuildOnTheSameFolderFailsAtOnceWithExitCode3() throws {
        let project = try TestProject.sample()
        try FileManager.default.createDirectory(atPath: project.path("build/.scrollbuild"), withIntermediateDirectories: true)
        var holder: BuildLock? = try BuildLock(path: project.path("build/.scrollbuild/lock"))
        let started = Date()
        let second = try project.run(["all"])
        let waited = Date().timeIntervalSince(started)
        #expect(second.status == 3)
        #expect(second.stderr.contains("another scrollbuild (process \(getpid())) is building into this folder"))
        #expect(waited < 2, "the second build waited \(waited) s instead of failing at once")
        #expect(holder != nil)
        holder = nil  // released
        #expect(try project.json(["all"]).status == 0)
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
        let listed = stale.object["stale"] as? [[String: Any]] ?? []
        let keys = Set(listed.compactMap { $0["key"] as? String })
        #expect(keys.contains("page:plain-markdown/01-the-basics.html"))
        #expect(keys.contains("title:content/plain-markdown/01-the-basics.md"))
        // What runs for certain and what may stop early, apart.
        let certain = Set(listed.filter { $0["may_stop_early"] as? Bool == false }.compactMap { $0["key"] as? String })
        #expect(certain == ["page:plain-markdown/01-the-basics.html", "title:content/plain-markdown/01-the-basics.md",
                            "searchentries:plain-markdown"])
        #expect(stale.int("tasks_will_run") == keys.count && stale.int("tasks_may_stop_early") == keys.count - 3)

        let explain = try project.run(["explain", "plain-markdown/01-the-basics.html"])
        #expect(explain.stdout == """
            page:plain-markdown/01-the-basics.html would rebuild: input outline:plain-markdown changed
              because outline:plain-markdown: input title:content/plain-markdown/01-the-basics.md changed
              because title:content/plain-markdown/01-the-basics.md: input file:content/plain-markdown/01-the-basics.md changed
              because file:content/plain-markdown/01-the-basics.md: changed on disk
              content/plain-markdown/01-the-basics.md: its content changed

            """)
        // status built nothing: the next build still has the change to make, and runs no
        // more than status said it would.
        let built = try project.json(["all"])
        #expect(built.ran.contains("page:plain-markdown/01-the-basics.html"))
        #expect(built.tasksRun <= stale.int("tasks_will_run") && built.tasksRun >= certain.count)
        let upToDate = try project.run(["explain", "page:plain-markdown/01-the-basics.html"])
        #expect(upToDate.stdout == "page:plain-markdown/01-the-basics.html: up to date\n")
        // A file touched with the same content: the next build runs nothing, and status says so.
        try project.edit("content/plain-markdown/01-the-basics.md", replacing: "An empty line", with: "An empty line")
        let touched = try project.run(["status"])
        #expect(touched.status == 0 && touched.stdout.hasPrefix("up to date: the next build will run no task"), "\(touched.stdout)")
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

    /// Issue 12's small ones: `-C` with a missing folder is refused and creates nothing; a
    /// deleted course leaves no empty folder; the summary names no site that is not there.
    @Test func aMissingProjectFolderIsRefusedAndADeletedCourseLeavesNoFolder() throws {
        let project = try TestProject.sample()
        let missing = project.root.appendingPathComponent("no-such-folder").path
        let refused = try project.run(["all", "-C", missing])
        #expect(refused.status == 64 && refused.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: missing))

        #expect(try project.run(["all"]).status == 0)
        #expect(project.exists("build/site/plain-markdown/index.html"))
        try project.remove("catalog/plain-markdown.md")  // no course depends on it
        #expect(try project.run(["all"]).status == 0)
        #expect(!project.exists("build/site/plain-markdown"), "the deleted course's folder is still there")
        #expect(project.exists("build/site/build-systems/index.html"))

        let empty = try TestProject.empty()
        try empty.write("catalog/broken.md", "no front matter\n")
        try empty.write("site-templates/index.mustache", "{{#unclosed}}\n")  // no index can be rendered
        let stopped = try empty.run(["all"])
        #expect(stopped.status == 1 && stopped.stdout.contains("site: none written"), "\(stopped.stdout)")
    }

    /// A killed build leaves `*.tmp.*` files from interrupted durable writes; the next build
    /// (which finds the killed build's marker) removes them, and a clean build leaves none.
    @Test func theBuildAfterAKillRemovesItsOrphanedTemporaryFiles() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        #expect(!project.exists("build/.scrollbuild/running"))
        let objects = try FileManager.default.contentsOfDirectory(atPath: project.path("build/.scrollbuild/objects"))
        let fan = try #require(objects.first)
        let orphans = ["build/.scrollbuild/objects/\(fan)/abcdef.tmp.4242.17", "build/.scrollbuild/trace.tmp.4242.18",
                       "build/.scrollbuild/calls/ab/cdef.tmp.4242.19"]
        for orphan in orphans { try project.write(orphan, "half") }
        try project.write("build/.scrollbuild/running", "")  // as a killed build leaves it
        #expect(try project.run(["all"]).status == 0)
        for orphan in orphans { #expect(!project.exists(orphan), "\(orphan) is still there") }
        #expect(!project.exists("build/.scrollbuild/running"))
        #expect(try project.json(["all"]).tasksRun == 0)  // the store was left whole
    }

    /// Issue 13's command-line conventions: `--version`, a suggestion for a misspelt
    /// command (exit 64, documented in --help), `-j8` as make and ninja take it, and an
    /// unknown target for `explain` and `graph` alike: an error with a suggestion, exit 1.
    @Test func theCommandLineFollowsTheConventionsOfMakeNinjaAndCargo() throws {
        let project = try TestProject.sample()
        let version = try project.run(["--version"])
        #expect(version.status == 0 && version.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        let typo = try project.run(["biuld"])
        #expect(typo.status == 64 && typo.stderr.contains("'biuld' is not a scrollbuild command; did you mean 'build'?"))
        #expect(typo.stdout.isEmpty)
        #expect(try project.run(["--help"]).stdout.contains("64 a usage error"))
        let jobs = try project.json(["build", "-j8", "git-foundations"])
        #expect(jobs.status == 0 && jobs.tasksRun > 0, "\(jobs.errors)")
        // Inside the project, the project is found above (as git and cargo find theirs);
        // `-C` before the command works as after it.
        let inside = try project.run(["build", "plain-markdown"], in: "content/plain-markdown")
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(!project.exists("content/plain-markdown/build") && project.exists("build/site/plain-markdown/index.html"))
        let elsewhere = try project.run(["-C", project.root.path, "status"], in: "..")
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        // Outside any project: said so, with what to do.
        let nowhere = try project.run(["-j8", "all"], in: "..")
        #expect(nowhere.status == 64 && nowhere.stderr.contains("no project here") && nowhere.stderr.contains("scrollbuild init"),
                "\(nowhere.stderr)")
        // A page named without its course is still found.
        let short = try project.run(["explain", "commits.html"])
        #expect(short.status == 1 && short.stderr.contains("did you mean 'git-foundations/commits.html'?"), "\(short.stderr)")
        for command in ["explain", "graph"] {
            let unknown = try project.run([command, "git-foundations/comits.html"])
            #expect(unknown.status == 1, "\(command)")
            #expect(unknown.stderr.contains("did you mean 'git-foundations/commits.html'?"), "\(command): \(unknown.stderr)")
        }
    }


    /// Issue 13's output: on a terminal one live line (escape sequences); with TERM=dumb,
    /// NO_COLOR or CI none at all, and in CI one line per course (never a task key), then
    /// a summary with the time taken. The terminal is a real pseudo-terminal (script(1)).
    @Test func theLiveLineOnlyOnATerminalAndPlainCourseLinesElsewhere() throws {
        let project = try TestProject.sample()
        func onTerminal(_ environment: String) throws -> String {
            try? FileManager.default.removeItem(atPath: project.path("build"))
            let command = "cd '\(project.root.path)' && env -u CI -u NO_COLOR \(environment) script -qec '\(TestProject.binary) all' /dev/null"
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", command]
            let output = Pipe()
            shell.standardOutput = output
            try shell.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            return text
        }
        let live = try onTerminal("TERM=xterm")
        #expect(live.contains("\u{1B}[K"), "\(live)")
        #expect(!(try onTerminal("TERM=dumb")).contains("\u{1B}"))
        #expect(!(try onTerminal("TERM=xterm NO_COLOR=1")).contains("\u{1B}"))

        try? FileManager.default.removeItem(atPath: project.path("build"))
        let ci = try project.run(["all"])  // CI=true, not a terminal
        #expect(ci.status == 0 && !ci.stderr.contains("\u{1B}"))
        let lines = ci.stderr.split(separator: "\n")
        #expect(lines.count == 7, "\(ci.stderr)")  // the sample's seven courses
        #expect(lines.allSatisfy { $0.range(of: #"^\[\d/7 courses\] [a-z-]+ built \("#, options: .regularExpression) != nil },
                "\(ci.stderr)")
        #expect(!ci.stderr.contains("lock:") && !ci.stderr.contains("llmconfig:"))
        #expect(ci.stdout.range(of: #"up to date in \d+\.\d+ s"#, options: .regularExpression) != nil, "\(ci.stdout)")
    }


    /// Issue 13: the README's usage examples run as written, in order, on the sample.
    @Test func everyUsageExampleInTheREADMERunsOnTheSample() throws {
        let readme = try String(contentsOf: TestProject.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let usage = try #require(readme.components(separatedBy: "## Usage\n\n```sh\n").dropFirst().first)
        let commands = usage.prefix { $0 != "`" }.split(separator: "\n").map { line in
            String(line.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        #expect(commands.count >= 8)
        let project = try TestProject.sample()
        // `scrollbuild` on the PATH, as a user would have it.
        let bin = project.path(".bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/scrollbuild", withDestinationPath: TestProject.binary)
        for command in commands {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", command]
            shell.currentDirectoryURL = project.root
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SCROLLBUILD_") }
            environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            shell.environment = environment
            shell.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            shell.standardError = errors
            try shell.run()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0, "`\(command)` exited \(shell.terminationStatus): \(stderr.suffix(500))")
        }
    }


    /// Issue 13: after a build with errors, status shows them and exits 1 until a build
    /// without them.
    @Test func statusShowsTheLastBuildsErrorsAndExits1WhileThereAreAny() throws {
        let project = try TestProject.sample()
        try project.write("catalog/broken.md", "---\nid: broken\ntitle: Broken\nlevel: expert\nsource: {kind: content}\n---\n")
        #expect(try project.run(["all"]).status == 1)
        let failed = try project.run(["status"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("catalog/broken.md:4:8: error: 'level' must be one of"), "\(failed.stderr)")
        let json = try project.run(["status", "--json"])
        #expect(json.status == 1 && json.stdout.contains("last_build_errors"))
        try project.remove("catalog/broken.md")
        #expect(try project.run(["all"]).status == 0)
        let fixed = try project.run(["status"])
        #expect(fixed.status == 0 && fixed.stderr.isEmpty, "\(fixed.stderr)")
        #expect(try project.json(["all"]).tasksRun == 0 && !project.exists("build/.scrollbuild/last-errors"))
    }


    /// Issue 13: a course on a branch asks its remote in every build; after a no-op build
    /// status says everything is up to date and lists that task apart.
    @Test func afterANoOpBuildStatusIsUpToDateAndABranchIsListedApart() throws {
        let project = try TestProject.sample(withDocs: true)  // scrollbuild-docs follows HEAD of the project's repository
        #expect(try project.run(["all"]).status == 0)
        let status = try project.run(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("up to date: the next build will run no task"), "\(status.stdout)")
        #expect(status.stdout.contains("1 task checks the remote in every build (a branch): fetch:scrollbuild-docs"), "\(status.stdout)")
        let built = try project.json(["all"])
        #expect(built.ran == ["fetch:scrollbuild-docs"] && built.int("tasks_cut_off") == 1, "\(built.ran)")
    }

}
