import Foundation
import Git
import Testing

/// Courses built from documentation repositories: fetched with libgit2 from a real git
/// repository the test makes, scanned from the commit's tree, analysed, planned, generated.
@Suite(.serialized)
struct RepoCourseTests {
    static let environment = ["SCROLLBUILD_API_KEY": "sk-test-repo"]
    static let formats = ["markdown", "rst", "html", "text", "notebook", "pdf"]

    @Test func everyReadableKindIsAnalysedAndASymlinkOutOfTheRepositoryIsNotFollowed() throws {
        let repository = try DocsRepository.fieldNotes()
        let project = try repository.project()
        let run = try project.json(["all"])
        #expect(run.status == 0, "\(run.errors)")
        let analysed = run.ran.filter { $0.hasPrefix("analyse:field-notes/") }
        #expect(analysed.count == 6)
        for format in Self.formats {
            #expect(analysed.contains { $0.hasSuffix("." + format) }, "no \(format) document was analysed")
        }
        let warnings = run.object["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("docs/outside.md: a symbolic link, which is never followed") })

        // What each kind of file said reached the sources page: the PDF's text (through
        // pdftotext), the notebook's Markdown cell, the HTML page without its script.
        let sources = try project.read("build/site/field-notes/sources.html")
        for title in ["Photosynthesis in brief", "Notebook lab", "How leaves breathe", "Setting up a light lab",
                      "Plants and light", "Watering notes"] {
            #expect(sources.contains(title), "sources.html lacks \(title)")
        }
        let site = try FileManager.default.subpathsOfDirectory(atPath: project.path("build/site"))
            .filter { $0.hasSuffix(".html") }.map { try project.read("build/site/" + $0) }.joined()
        #expect(!site.contains("TOP-SECRET") && !site.contains("SCRIPT-TEXT"))

        // The plan is written for the author, and modules have content and a score.
        let pathway = try project.read("catalog/field-notes.pathway.yml")
        #expect(pathway.contains("chosen:") && pathway.contains("docs/paper.pdf"))
        let course = try project.read("build/site/field-notes/index.html")
        #expect(course.contains("Pathway:") && course.contains("min"))
        let progress = try JSONSerialization.jsonObject(with: Data(project.read("build/.scrollbuild/progress.json").utf8))
        let state = ((progress as? [String: Any])?["courses"] as? [String: Any])?["field-notes"] as? [String: Any]
        #expect(state?["stage"] as? String == "done" && state?["percent"] as? Int == 100)
    }

    @Test func aCommitReanalysesOneDocumentAndRegeneratesOnlyTheModulesThatDrawOnIt() async throws {
        let server = try LLMServer()
        let repository = try DocsRepository.fieldNotes()
        let project = try repository.project()
        try project.useServer(server)
        let first = try project.json(["all"], environment: Self.environment)
        #expect(first.status == 0, "\(first.errors)")
        var counted = try await server.stats().steps()
        #expect(counted.filter { $0 == "analyse-document" }.count == 6)
        #expect(counted.filter { $0 == "plan-pathways" }.count == 1)
        #expect(counted.filter { $0 == "generate-module" }.count == 6)
        #expect(counted.filter { $0 == "evaluate-module" }.count == 6)

        // Nothing changed: no calls; only the branch is asked about (and cut off).
        let noop = try project.json(["all"], environment: Self.environment)
        #expect(noop.llmCalls == 0 && noop.ran == ["fetch:field-notes"] && noop.tasksCutOff == 1)
        #expect(try await server.stats().chatRequests == counted.count)

        // One document changes in a new commit: one analysis, one module.
        try repository.write("docs/notes.txt", "Watering notes\n\nWater the plant at dusk in summer. A dry plant grows slowly.\n")
        try repository.commit("Water at dusk")
        let third = try project.json(["all"], environment: Self.environment)
        #expect(third.status == 0, "\(third.errors)")
        #expect(third.ran.filter { $0.hasPrefix("analyse:") }.count == 1)
        #expect(third.ran.filter { $0.hasPrefix("generate:") } == ["generate:field-notes/study-notes-txt"])
        var stats = try await server.stats()
        #expect(Array(stats.steps().dropFirst(counted.count)).sorted() == ["analyse-document", "evaluate-module", "generate-module"])
        counted = stats.steps()

        // The author picks the other option (the same modules in another order): nothing to write.
        try project.edit("catalog/field-notes.pathway.yml", replacing: "chosen: in-order", with: "chosen: reversed")
        let reordered = try project.json(["all"], environment: Self.environment)
        #expect(reordered.status == 0, "\(reordered.errors)")
        #expect(reordered.ran.filter { $0.hasPrefix("generate:") }.isEmpty && reordered.llmCalls == 0)
        let pages = try project.read("build/site/field-notes/index.html")
        #expect(pages.range(of: "Study paper.pdf")!.lowerBound < pages.range(of: "Study intro.md")!.lowerBound)

        // The author edits one module of the chosen option: that module only.
        let file = try project.read("catalog/field-notes.pathway.yml")
        try project.write("catalog/field-notes.pathway.yml",
                          file.replacingOccurrences(of: "Explain docs/intro.md", with: "Explain docs/intro.md in depth"))
        let edited = try project.json(["all"], environment: Self.environment)
        #expect(edited.ran.filter { $0.hasPrefix("generate:") } == ["generate:field-notes/study-intro-md"])
        stats = try await server.stats()
        #expect(Array(stats.steps().dropFirst(counted.count)) == ["generate-module", "evaluate-module"])
        #expect(try project.read("catalog/field-notes.pathway.yml").contains("in depth"))  // never overwritten
    }

    @Test func theLockPinsTheCommitLockedRefusesAMovedBranchAndACachedCommitNeedsNoRemote() throws {
        let repository = try DocsRepository.fieldNotes()
        let project = try repository.project()
        let pinned = try repository.head()
        let first = try project.json(["all"])
        #expect(first.status == 0 && first.ran.contains("lock:"), "\(first.object)")
        #expect(try project.read("scrollbuild.lock").contains(pinned))

        try repository.write("docs/intro.md", "# Plants and light\n\nA new first sentence about the leaf and the sun.\n")
        let moved = try repository.commit("Move the branch")
        let locked = try project.json(["all", "--locked"])
        #expect(locked.status == 1)
        #expect(locked.errors.contains { $0.contains("scrollbuild.lock pins") && $0.contains("--locked refuses to move it") })
        #expect(try project.read("scrollbuild.lock").contains(pinned))

        // The remote is gone; the locked commit is in the cache, so the build goes on.
        let away = repository.root.deletingLastPathComponent().appendingPathComponent("moved-away")
        try FileManager.default.moveItem(at: repository.root, to: away)
        let offline = try project.json(["all"])
        #expect(offline.status == 0, "\(offline.errors)")
        #expect((offline.object["warnings"] as? [String] ?? []).contains { $0.contains("could not reach") })
        try FileManager.default.moveItem(at: away, to: repository.root)

        // Back online, without --locked, the build moves to the new commit and records it.
        #expect(try project.json(["all"]).status == 0)
        #expect(try project.read("scrollbuild.lock").contains(moved))
    }

    /// A model is given the sources' code, and its quotes are checked against the sources:
    /// an answer quoting what no source says is refused and asked again, with the reason.
    @Test func theModelSeesTheSourcesCodeAndAQuoteNotInItsSourceIsAskedAgain() async throws {
        let server = try LLMServer()
        let repository = try DocsRepository.make()
        try repository.write("docs/sessions.md", """
            # Sessions

            A session keeps cookies between requests. Create one and send a request with it:

            ```python
            s = requests.Session()
            s.get("https://httpbin.org/cookies")
            ```

            The session reuses its connection for every request to the same host.
            """)
        try repository.commit("One document with code")
        let project = try repository.project()
        try project.edit("catalog/field-notes.md", replacing: "  overview: README.md\n", with: "")
        try project.useServer(server)
        try await server.control(["bad_quotes": 1])
        let run = try project.json(["all"], environment: Self.environment)
        #expect(run.status == 0, "\(run.errors)")
        let stats = try await server.stats()
        #expect(stats.steps() == ["analyse-document", "plan-pathways", "generate-module", "generate-module", "evaluate-module"])
        #expect(stats.messages(2).contains("s = requests.Session()\ns.get(\"https://httpbin.org/cookies\")"))
        let retry = stats.messages(3)
        #expect(retry.contains("is not in any of the module's sources") || retry.contains("is not in 'notes'"), "\(retry.suffix(600))")
        #expect(retry.contains("A sentence that no source contains anywhere at all."))
        let data = try project.read("build/site/api/courses/field-notes.json")
        #expect(data.contains("\"path\":\"docs/sessions.md\"") && !data.contains("no source contains"))
    }

    @Test func aModuleBelowTheThresholdIsRegeneratedWithTheCritique() async throws {
        let server = try LLMServer()
        let repository = try DocsRepository.make()
        try repository.write("README.md", "# One page\n")
        try repository.write("docs/only.md", "# Light\n\nPlants need light to grow. Leaves turn toward the sun.\n")
        try repository.commit("One document")
        let project = try repository.project()
        try project.useServer(server)
        try await server.control(["evaluate_scores": [0.4]])
        let run = try project.json(["all"], environment: Self.environment)
        #expect(run.status == 0, "\(run.errors)")
        let stats = try await server.stats()
        #expect(stats.steps() == ["analyse-document", "plan-pathways", "generate-module", "evaluate-module",
                                  "generate-module", "evaluate-module"])
        #expect(!stats.messages(2).contains("CRITIQUE-MARKER"))
        #expect(stats.messages(4).contains("CRITIQUE-MARKER: add a worked example"))
        #expect(stats.messages(4).contains("scored 0.4"))
        let page = try project.read("build/site/field-notes/study-only-md.html")
        #expect(page.contains("Evaluation 90%") && page.contains("regenerated with the critique, 2 attempts"))
        #expect(!page.contains("Below the quality threshold"))
    }

    @Test func aModuleStillBelowAfterItsRegenerationsIsFlaggedOnItsPageAndInStatus() async throws {
        let server = try LLMServer()
        let repository = try DocsRepository.make()
        try repository.write("docs/only.md", "# Light\n\nPlants need light to grow. Leaves turn toward the sun.\n")
        try repository.commit("One document")
        let project = try repository.project()
        try project.edit("catalog/field-notes.md", replacing: "  overview: README.md\n", with: "")
        try project.useServer(server)
        try await server.control(["evaluate_scores": [0.3, 0.4, 0.5]])
        let run = try project.json(["all"], environment: Self.environment)
        #expect(run.status == 0, "\(run.errors)")
        // 1 + 2 regenerations; the third module equals the second, so its grade (0.4) comes from the cache.
        let steps = try await server.stats().steps()
        #expect(steps.filter { $0 == "generate-module" }.count == 3 && steps.filter { $0 == "evaluate-module" }.count == 2)
        #expect((run.object["warnings"] as? [String] ?? []).contains { $0.contains("scored 40% after 3 attempts") })
        let page = try project.read("build/site/field-notes/study-only-md.html")
        #expect(page.contains("Below the quality threshold (80%) after 3 attempts"))
        let status = try project.run(["status"]).stdout
        #expect(status.contains("field-notes/study-only-md") && status.contains("40% < 80%, 3 attempts"))
    }

    // progress.json during a build: PipelineTests/ProgressTests, on a manual clock.

    @Test func aRealPublicDocumentationFolderBuildsOfflineAndItsRebuildRunsNoTask() throws {
        // git on this machine resolves GitHub URLs of the listed Swift packages offline
        // (url.insteadOf in /etc/gitconfig), as it would resolve them online.
        let project = try TestProject.empty().withTheme()
        try project.write("catalog/swift-log.md", """
            ---
            id: swift-log
            title: Logging in Swift
            level: intermediate
            source:
              kind: repo
              url: https://github.com/apple/swift-log
              ref: 1.16.2
              folders: [Sources/Logging/Docs.docc]
            ---
            SwiftLog's own documentation, as a course.
            """)
        let first = try project.json(["all"])
        #expect(first.status == 0 && first.tasksFailed == 0, "\(first.errors)")
        #expect(first.ran.filter { $0.hasPrefix("analyse:swift-log/") }.count >= 20)
        #expect(try project.read("scrollbuild.lock").contains("\"kind\" : \"tag\""))
        let pages = try FileManager.default.contentsOfDirectory(atPath: project.path("build/site/swift-log"))
        #expect(pages.filter { $0.hasSuffix(".html") }.count >= 4)
        let second = try project.json(["all"])
        #expect(second.status == 0 && second.tasksRun == 0, "\(second.ran)")
    }

    /// Issue 12: the token went as Basic auth to any host, over plain HTTP too.
    @Test func theGitTokenGoesOnlyOverHTTPSToItsConfiguredHosts() async throws {
        let host = try LLMServer()  // under /git/ it is a git host that asks for a password
        let project = try TestProject.sample()
        try project.write("catalog/private.md", """
            ---
            id: private
            title: A Private Repository
            level: beginner
            source:
              kind: repo
              url: http://127.0.0.1:\(host.port)/git/private.git
              ref: main
            ---
            Documentation behind a password.
            """)
        // Even a host the settings list gets no token over plain HTTP.
        try project.write("scrollbuild.yml", try project.read("scrollbuild.yml") + "\ngit:\n  token_hosts: [github.com, 127.0.0.1]\n")
        let token = "ghp_SECRET0123456789abcdef"
        let run = try project.json(["all"], environment: ["SCROLLBUILD_GIT_TOKEN": token])
        let stats = try await host.stats()
        #expect((stats.object["git_requests"] as? Int ?? 0) >= 1)  // it was asked, and asked for a password
        #expect((stats.object["git_credentials"] as? [String])?.isEmpty == true, "\(stats.object["git_credentials"] ?? "")")
        #expect(run.status == 1 && run.errors.count == 1 && run.errors[0].contains("course 'private'"), "\(run.errors)")
        #expect(run.tasksFailed >= 1 && project.exists("build/site/git-foundations/index.html"))
        try LLMBuildTests.expectNoKey(in: project, outputs: run.rawOutputs)
        #expect(!run.rawOutputs.contains { $0.contains(token.prefix(8)) })

        // Only HTTPS, only the hosts listed, and only the host the course names (a redirect's is another).
        let github = TokenScope()
        #expect(github.allows(url: "https://github.com/a/b.git/info/refs", location: "https://github.com/a/b.git"))
        #expect(!github.allows(url: "http://github.com/a/b.git/info/refs", location: "http://github.com/a/b.git"))
        #expect(!github.allows(url: "https://evil.example/x", location: "https://github.com/a/b.git"))
        #expect(!github.allows(url: "https://gitlab.com/a/b.git", location: "https://gitlab.com/a/b.git"))
        #expect(!github.allows(url: "https://github.com:8443/a", location: "https://github.com/a"))
        #expect(TokenScope(hosts: ["Git.Example.org"]).allows(url: "https://git.example.org/r", location: "https://git.example.org/r"))
    }

    @Test func theSampleRepositoryCourseBuildsFromDocs() throws {
        let project = try TestProject.sample(withDocs: true)
        let run = try project.json(["build", "scrollbuild-docs"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(project.exists("catalog/scrollbuild-docs.pathway.yml"))
        let outline = try project.read("build/site/scrollbuild-docs/index.html")
        let modules = outline.components(separatedBy: "<li><a href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(modules.count >= 2)  // 4,600 words of docs: two sittings
        for module in modules {
            let page = try project.read("build/site/scrollbuild-docs/\(module)")
            #expect(page.contains("Show the answer") && page.contains("Evaluation ") && page.contains("sources.html#docs-"))
        }
    }
}

extension RepoCourseTests {
    /// The git cache is build state: deleted, the next build fetches again, and nothing is paid twice.
    @Test func aDeletedGitCacheIsFetchedAgainWithNoCalls() async throws {
        let server = try LLMServer()
        let repository = try DocsRepository.fieldNotes()
        let commit = try repository.head()
        let project = try repository.project(ref: commit)
        try project.useServer(server)
        let first = try project.json(["all"], environment: Self.environment)
        #expect(first.status == 0, "\(first.errors)")
        let paid = try await server.stats().chatRequests
        #expect(paid > 0)

        try FileManager.default.removeItem(atPath: project.path("build/.scrollbuild/git"))
        let again = try project.json(["all"], environment: Self.environment)
        #expect(again.status == 0, "\(again.errors)")
        #expect(again.ran == ["fetch:field-notes"])
        #expect(again.llmCalls == 0)
        #expect(FileManager.default.fileExists(atPath: project.path("build/.scrollbuild/git")))

        // Deleted with the engine's state too: every document is read from the new clone,
        // and every answer comes from the call cache.
        try FileManager.default.removeItem(atPath: project.path("build/.scrollbuild/git"))
        try FileManager.default.removeItem(atPath: project.path("build/.scrollbuild/trace"))
        let rebuilt = try project.json(["all"], environment: Self.environment)
        #expect(rebuilt.status == 0, "\(rebuilt.errors)")
        let documents = first.ran.filter { $0.hasPrefix("document:") }
        #expect(documents.count >= 6 && rebuilt.ran.filter { $0.hasPrefix("document:") } == documents)
        #expect(try await server.stats().chatRequests == paid)
    }
}

extension RepoCourseTests {
    /// A project without git (downloaded as an archive): its `url: .` course is built from
    /// the folder as it is, and an edited document is read again through the stat cache.
    @Test func theSampleBuildsFromACopyWithoutGit() throws {
        let project = try TestProject.sample(withDocs: true, asGitRepository: false)
        #expect(!project.exists(".git"))
        let run = try project.json(["all"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.courses.contains("scrollbuild-docs"))
        let documents = run.ran.filter { $0.hasPrefix("analyse:scrollbuild-docs/") }
        #expect(documents.count >= 5)
        #expect(project.exists("build/site/scrollbuild-docs/sources.html"))
        #expect(!project.exists("scrollbuild.lock"))  // a folder has no commit to lock

        let noop = try project.json(["all"])
        #expect(noop.status == 0 && noop.tasksRun == 0, "\(noop.ran)")

        try project.edit("docs/getting-started.md", replacing: "scrollbuild", with: "Scrollbuild")
        let edited = try project.json(["all"])
        #expect(edited.status == 0, "\(edited.errors)")
        #expect(edited.ran.filter { $0.hasPrefix("analyse:") }.count == 1, "\(edited.ran)")
    }
}
