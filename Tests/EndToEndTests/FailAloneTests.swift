import Foundation
import Testing

/// Every course fails alone: without `-k`, a course whose repository cannot be reached,
/// whose ref or chapter is missing, or whose model answers always fail stops only itself;
/// the other courses build completely, the index lists them, every error is listed once.
@Suite(.serialized)
struct FailAloneTests {
    static let environment = ["SCROLLBUILD_API_KEY": "sk-test-alone"]
    static let brokenCourses = ["unreachable", "missing-ref", "broken-chapters", "doomed"]

    /// The HTML files under the site folder, relative to it.
    static func pages(_ project: TestProject) throws -> Set<String> {
        Set(try FileManager.default.subpathsOfDirectory(atPath: project.path("build/site")).filter { $0.hasSuffix(".html") })
    }

    func addBrokenCourses(to project: TestProject, repository: DocsRepository) throws {
        func repo(_ id: String, url: String, ref: String) -> String {
            "---\nid: \(id)\ntitle: \(id)\nsource:\n  kind: repo\n  url: \(url)\n  ref: \(ref)\n  folders: [docs]\n---\n"
        }
        try project.write("catalog/unreachable.md", repo("unreachable", url: "https://127.0.0.1:9/nothing.git", ref: "main"))
        try project.write("catalog/missing-ref.md", repo("missing-ref", url: repository.root.path, ref: "no-such-branch"))
        try project.write("catalog/broken-chapters.md", "---\nid: broken-chapters\ntitle: Broken chapters\nsource:\n  kind: content\n---\n")
        try project.write("content/broken-chapters/01-fine.md", "# Fine\n\nThis chapter reads.\n")
        // A folder where a chapter file should be: listed as a chapter, but it cannot be read.
        try FileManager.default.createDirectory(atPath: project.path("content/broken-chapters/02-unreadable.md"),
                                                withIntermediateDirectories: true)
        try project.write("catalog/doomed.md", """
            ---
            id: doomed
            title: Doomed
            source:
              kind: modules
              modules:
                - title: DOOMED-MODULE
                  lectures: [one, two]
            ---
            A course whose module the model never answers.
            """)
        try project.write("catalog/typo.md", "---\nid: typo\ntitel: Typo\ntitle: Typo\nsource:\n  kind: content\n---\n")
    }

    @Test func eachBrokenCourseFailsAloneAndEveryOtherBuildsCompletely() async throws {
        let server = try LLMServer()
        try await server.control(["fail_marker": "DOOMED-MODULE"])
        let reference = try TestProject.sample()
        try reference.useServer(server)
        let clean = try reference.json(["all"], environment: Self.environment)
        #expect(clean.status == 0, "\(clean.errors)")
        let expectedPages = try Self.pages(reference)

        let project = try TestProject.sample()
        try project.useServer(server)
        try addBrokenCourses(to: project, repository: try DocsRepository.fieldNotes())
        let run = try project.json(["all"], environment: Self.environment)
        #expect(run.status == 1)

        // Every other course built completely: the same pages as the sample alone. (A broken
        // course's pages that were already under way when it failed may be there too.)
        let built = try Self.pages(project).filter { page in !Self.brokenCourses.contains { page.hasPrefix($0 + "/") } }
        #expect(built == expectedPages, "missing: \(expectedPages.subtracting(built)), extra: \(built.subtracting(expectedPages))")
        #expect(Set(run.courses) == Set(clean.courses))
        let index = try project.read("build/site/index.html")
        for id in clean.courses { #expect(index.contains("href=\"\(id)/index.html\""), "the index does not list \(id)") }
        for id in Self.brokenCourses { #expect(!index.contains("\(id)/index.html"), "the index lists \(id)") }

        // Each error once: the catalog diagnostic, and one failure per broken course.
        #expect(run.errors.count == 5, "\(run.errors)")
        #expect(run.errors.filter { $0.contains("unknown field 'titel'") }.count == 1)
        for (id, says) in [("unreachable", "127.0.0.1:9"), ("missing-ref", "no-such-branch"),
                           ("broken-chapters", "02-unreadable.md"), ("doomed", "generate:doomed/module-01")] {
            #expect(run.errors.filter { $0.contains(says) }.count == 1, "\(id): \(run.errors)")
        }

        // The same in the human summary, on stderr, each once.
        let human = try project.run(["all"], environment: Self.environment)
        #expect(human.status == 1)
        let errorLines = human.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errorLines.count == 5, "\(human.stderr)")
    }

    @Test func keepGoingAlsoBuildsTheIndependentPagesOfAFailingCourse() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        try project.write("catalog/half.md", """
            ---
            id: half
            title: Half
            source:
              kind: modules
              modules:
                - title: Fine module
                  lectures: [one, two]
                - title: DOOMED-MODULE
                  lectures: [three, four]
            ---
            One module builds, one never does.
            """)
        try await server.control(["fail_marker": "DOOMED-MODULE"])
        let run = try project.json(["all", "-k"], environment: Self.environment)
        #expect(run.status == 1)
        #expect(project.exists("build/site/half/module-01.html"))
        #expect(!project.exists("build/site/half/module-02.html"))
        #expect(!(try project.read("build/site/index.html")).contains("half/index.html"))
    }
}
