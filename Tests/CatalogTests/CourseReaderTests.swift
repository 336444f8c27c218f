import Catalog
import Diagnostics
import Testing

@Suite struct CourseReaderTests {
    @Test func readsAMarkdownCourseWithFrontMatter() {
        let text = """
            ---
            id: swift-concurrency
            title: Swift Concurrency in Practice
            subject: computer-science
            level: intermediate
            audience: iOS developers who know closures
            outputs: [site, epub]
            priority: {enrollment: 1200, created: 2026-03-01}
            prerequisites: [swift-basics]
            source:
              kind: repo
              url: https://github.com/apple/swift-log
              ref: 1.16.2
              folders: [Sources/Logging/Docs.docc]
            ---
            The *description*.
            """
        let (course, entry) = CourseReader.read(text, file: "catalog/x.md")
        #expect(entry.diagnostics == [])
        #expect(course == Course(id: "swift-concurrency", title: "Swift Concurrency in Practice", subject: "computer-science",
                                 level: .intermediate, audience: "iOS developers who know closures", outputs: [.site, .epub],
                                 priority: Priority(enrollment: 1200, created: "2026-03-01"),
                                 prerequisites: ["swift-basics"],
                                 source: .repo(url: "https://github.com/apple/swift-log", ref: "1.16.2",
                                               folders: ["Sources/Logging/Docs.docc"], overview: nil),
                                 description: "The *description*."))
        #expect(entry.prerequisites == [Reference(id: "swift-basics", location: SourceLocation(file: "catalog/x.md", line: 9, column: 17))])
    }

    @Test func readsJSONWithPositions() {
        let (value, diagnostics) = JSONReader.read("{\n  \"a\": [1, \"é\", true],\n  \"b\": null\n}", file: "f.json")
        #expect(diagnostics == [])
        guard case .object(let members)? = value?.kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyLocation == SourceLocation(file: "f.json", line: 2, column: 3))
        guard case .array(let items) = members[0].value.kind else {
            Issue.record("not a list")
            return
        }
        #expect(items.map(\.location.column) == [9, 12, 17])
        #expect(items[1].kind == .string("é"))
    }

    @Test func jsonErrorsAreLocatedAndBounded() {
        let (_, twice) = JSONReader.read("{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}", file: "f.json")
        #expect(twice.map(\.description) == ["f.json:3:3: error: 'id' is given twice (first at line 2); keep one"])
        let (_, number) = JSONReader.read("{\"enrollment\": 012}", file: "f.json")
        #expect(number.map(\.description) == ["f.json:1:16: error: JSON syntax error: '01' is not a JSON number: no leading zeros"])
        // 20,000 levels deep crashed the build before; now it is an error at the 129th.
        let (value, deep) = JSONReader.read(String(repeating: "[", count: 20_000), file: "f.json")
        #expect(value == nil)
        #expect(deep.map(\.description) == ["f.json:1:129: error: JSON syntax error: nested more than 128 deep"])
    }

    /// Found by the fuzzer: YAML 1.1's base-60 integers (`1:30`) overflowed inside Yams and
    /// trapped. Only YAML 1.2's numbers are numbers; `10:30` is text.
    @Test func baseSixtyIsTextAndAnOverflowingOneDoesNotCrash() {
        let huge = (1...23).map(String.init).joined(separator: ":")
        let text = "---\nid: a\ntitle: A\naudience: 10:30\npriority: {enrollment: \(huge)}\nsource: {kind: content}\n---\n"
        let (course, entry) = CourseReader.read(text, file: "c.md")
        #expect(course == nil)
        #expect(entry.diagnostics.count == 1 && entry.diagnostics[0].location.line == 5, "\(entry.diagnostics)")
        let (fine, _) = CourseReader.read(text.replacingOccurrences(of: huge, with: "1200"), file: "c.md")
        #expect(fine?.audience == "10:30")
    }

    @Test func reportsEveryProblemInAFileNotJustTheFirst() {
        let text = "---\nid: Bad Id\nlevel: 3\nsource:\n  kind: modules\n  modules: [{title: A, lecture: [x]}]\n---\n"
        let (course, entry) = CourseReader.read(text, file: "c.md")
        #expect(course == nil)
        #expect(entry.diagnostics.map(\.description) == [
            "c.md:2:1: error: the course is missing the required field 'title'",
            "c.md:2:5: error: id 'Bad Id' may hold only lowercase letters, digits and '-' (for example 'bad-id')",
            "c.md:3:8: error: 'level' must be one of beginner, intermediate, advanced, found a number",
            "c.md:6:24: error: unknown field 'lecture' in a module; did you mean 'lectures'?",
        ])
    }

    @Test func aMarkdownFileWithoutFrontMatterIsAnError() {
        let (_, entry) = CourseReader.read("# Just a heading\n", file: "c.md")
        #expect(entry.diagnostics.first?.location == SourceLocation(file: "c.md", line: 1, column: 1))
    }
}

@Suite struct CatalogValidatorTests {
    func entry(_ id: String, _ prerequisites: [String]) -> CatalogEntry {
        CatalogEntry(file: "catalog/\(id).md", id: id, idLocation: SourceLocation(file: "catalog/\(id).md", line: 2, column: 5),
                     prerequisites: prerequisites.map { Reference(id: $0, location: SourceLocation(file: "catalog/\(id).md", line: 4, column: 3)) },
                     diagnostics: [])
    }

    @Test func coursesOutsideACycleStillBuild() {
        let catalog = CatalogValidator.validate([entry("a", ["b"]), entry("b", ["a"]), entry("c", ["a"]), entry("d", [])])
        // c requires a course in the cycle: c builds, without that prerequisite.
        #expect(catalog.courses.map(\.id) == ["c", "d"])
        #expect(catalog.courses.first?.prerequisites == [])
        #expect(catalog.diagnostics.map(\.message) == ["prerequisites form a cycle: a → b → a; remove one of these prerequisites"])
    }

    @Test func aSelfPrerequisiteIsACycle() {
        let catalog = CatalogValidator.validate([entry("a", ["a"])])
        #expect(catalog.courses.isEmpty)
        #expect(catalog.diagnostics.first?.message.contains("a → a") == true)
    }
}
