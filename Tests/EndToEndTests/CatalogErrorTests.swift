import Foundation
import Testing

/// Every kind of catalog error is reported with file:line:column, once, sorted by file;
/// the broken courses are skipped and every other course still builds.
@Suite struct CatalogErrorTests {
    static let good = """
        ---
        id: good-course
        title: A Good Course
        source:
          kind: modules
          modules:
            - title: One
              lectures: [a, b]
        ---
        Fine.
        """

    func project(with files: [String: String]) throws -> TestProject {
        let project = try TestProject.empty().withTheme()
        try project.write("catalog/good.md", CatalogErrorTests.good)
        for (name, text) in files { try project.write("catalog/\(name)", text) }
        return project
    }

    /// Builds, checks that the good course still built, and returns the error lines.
    func errors(_ files: [String: String]) throws -> [String] {
        let project = try project(with: files)
        let result = try project.json(["all"])
        #expect(result.status == 1)
        #expect(result.courses.contains("good-course"))
        #expect(project.exists("build/site/good-course/module-01.html"))
        #expect(try project.read("build/site/index.html").contains("A Good Course"))
        return result.errors
    }

    @Test func yamlSyntaxError() throws {
        let errors = try errors(["bad.md": "---\nid: bad\ntitle: [unclosed\nsource: {kind: content}\n---\n"])
        #expect(errors == ["catalog/bad.md:4:7: error: YAML syntax error: "
                           + "did not find expected ',' or ']' while parsing a flow sequence"])
    }

    @Test func jsonSyntaxError() throws {
        let errors = try errors(["bad.json": "{\n  \"id\": \"bad\",\n  \"title\": \"x\"\n  \"source\": {}\n}\n"])
        #expect(errors == ["catalog/bad.json:4:3: error: JSON syntax error: expected ',' or '}'"])
    }

    @Test func unknownFieldWithDidYouMean() throws {
        let errors = try errors(["typo.md": "---\nid: typo\ntitel: Typo\ntitle: Typo\nsource:\n  kind: content\n---\n"])
        #expect(errors == ["catalog/typo.md:3:1: error: unknown field 'titel' in the course; did you mean 'title'?"])
    }

    @Test func wrongType() throws {
        let errors = try errors([
            "types.md": "---\nid: types\ntitle: Types\nlevel: expert\nprerequisites: good-course\nsource:\n  kind: content\n---\n",
        ])
        #expect(errors == [
            "catalog/types.md:4:8: error: 'level' must be one of beginner, intermediate, advanced, not 'expert'",
            "catalog/types.md:5:16: error: 'prerequisites' must be a list of strings, found a string",
        ])
    }

    @Test func missingRequiredFields() throws {
        let errors = try errors(["missing.json": "{\n  \"id\": \"missing\"\n}\n"])
        #expect(errors == [
            "catalog/missing.json:1:1: error: the course is missing the required field 'source'",
            "catalog/missing.json:1:1: error: the course is missing the required field 'title'",
        ])
    }

    @Test func duplicateIDs() throws {
        let copy = CatalogErrorTests.good.replacingOccurrences(of: "A Good Course", with: "A Copy")
        let errors = try errors(["zz-copy.md": copy])
        #expect(errors == [
            "catalog/zz-copy.md:2:5: error: duplicate id 'good-course': catalog/good.md:2:5 already uses it; "
                + "give this course another id",
        ])
    }

    /// An unknown prerequisite is an error on its line, but the course that names it still builds.
    @Test func unknownPrerequisite() throws {
        let files = ["needs.md": "---\nid: needs\ntitle: Needs\nprerequisites:\n  - good-cours\n"
                     + "source:\n  kind: modules\n  modules: [{title: M, lectures: [a, b]}]\n---\n"]
        let errors = try errors(files)
        #expect(errors == [
            "catalog/needs.md:5:5: error: prerequisite 'good-cours' is not a course in the catalog; did you mean 'good-course'?",
        ])
        let project = try project(with: files)
        #expect(try project.json(["all"]).courses.contains("needs"))
        #expect(project.exists("build/site/needs/module-01.html"))
    }

    @Test func prerequisiteCycle() throws {
        func course(_ id: String, needs: String) -> String {
            "---\nid: \(id)\ntitle: \(id)\nprerequisites: [\(needs)]\nsource:\n  kind: modules\n  modules: [{title: M}]\n---\n"
        }
        let errors = try errors(["a.md": course("a", needs: "b"), "b.md": course("b", needs: "c"),
                                 "c.md": course("c", needs: "a")])
        #expect(errors == ["catalog/a.md:4:17: error: prerequisites form a cycle: a → b → c → a; "
                           + "remove one of these prerequisites"])
    }

    @Test func humanOutputListsErrorsOnceSortedByFileWithACaret() throws {
        let project = try project(with: [
            "b.md": "---\nid: b\ntitel: B\nsource: {kind: content}\n---\n",
            "a.json": "{\"id\": \"a\", \"title\": [\"x\"], \"source\": {\"kind\": \"modules\", \"modules\": []}}",
        ])
        let outcome = try project.run(["all"])
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let errorLines = lines.filter { $0.contains(": error: ") }
        #expect(errorLines == [
            "catalog/a.json:1:22: error: 'title' must be a string, found a list",
            "catalog/a.json:1:70: error: 'modules' must be a non-empty list of modules, found a list",
            "catalog/b.md:2:1: error: the course is missing the required field 'title'",
            "catalog/b.md:3:1: error: unknown field 'titel' in the course; did you mean 'title'?",
        ])
        #expect(lines.contains("    titel: B"))
        #expect(outcome.stdout.contains("4 errors"))
        // Errors are reported again on a no-op rebuild: nothing is lost.
        let again = try project.run(["all"])
        #expect(again.status == 1)
        #expect(again.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.count == 4)
    }
}

/// A course that fails while building (not in its catalog file) is reported, and with -k
/// everything else still builds.
@Suite struct BuildFailureTests {
    @Test func aMissingContentFolderFailsThatCourseOnly() throws {
        let project = try TestProject.sample()
        try project.write("catalog/empty.md", "---\nid: empty-course\ntitle: Empty\nsource: {kind: content}\n---\n")
        let result = try project.json(["all", "-k"])
        #expect(result.status == 1)
        #expect(result.tasksFailed == 1)
        #expect(result.errors == ["chapters:empty-course: course 'empty-course' has source kind 'content' but "
                                  + "content/empty-course/ does not exist; write its chapters there as Markdown files"])
        #expect(project.exists("build/site/git-foundations/commits.html"))
        #expect(project.exists("build/site/learning-science/module-01.html"))
        let index = try project.read("build/site/index.html")
        #expect(index.contains("git-foundations/index.html"))
        #expect(!index.contains("empty-course/index.html"))
        // Plain progress lines (CI is set): one per course as it ends.
        #expect(result.stderr.contains("empty-course failed (") && result.stderr.contains("git-foundations built ("))

        // Fixed, the next build runs the failed course and nothing else.
        try project.write("content/empty-course/01-start.md", "# Start\n\nNow there is a chapter.\n")
        let fixed = try project.json(["all"])
        #expect(fixed.status == 0)
        #expect(fixed.tasksFailed == 0)
        #expect(project.exists("build/site/empty-course/01-start.html"))
        #expect(try project.read("build/site/index.html").contains("empty-course/index.html"))
        #expect(!fixed.ran.contains { $0.hasPrefix("page:git-foundations") })
    }

    /// Issue 13: with `--json` the errors are on stderr too (as without it), and in the
    /// object as structured diagnostics: file, line, column, message.
    @Test func withJSONErrorsAreOnStderrAndStructured() throws {
        let project = try CatalogErrorTests().project(with: ["bad.md": "---\nid: bad\ntitle: Bad\nlevel: expert\nsource: {kind: content}\n---\n"])
        let result = try project.json(["all"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("catalog/bad.md:4:8: error: 'level' must be one of"), "\(result.stderr)")
        #expect(result.stderr.contains("    level: expert"))  // with its source line, as without --json
        let diagnostics = result.object["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["file"] as? String == "catalog/bad.md")
        #expect(diagnostics.first?["line"] as? Int == 4 && diagnostics.first?["column"] as? Int == 8)
        #expect((diagnostics.first?["message"] as? String ?? "").hasPrefix("'level' must be one of"))
    }

}
