import Catalog
import Discovery
import Testing

/// What `discover` writes is an ordinary catalog file: the catalog reads every field of it
/// back, and a hand edit that breaks one is an error at its line and column.
@Suite struct CatalogEntryTests {
    static let file = "catalog/external/ocw/ocw-18-06-linear-algebra-spring-2010.json"

    static func course() -> ExternalCourse {
        var course = ExternalCourse(provider: "ocw", id: "ocw-18-06-linear-algebra-spring-2010", title: "Linear Algebra",
                                    url: "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/")
        course.description = "Matrix theory and linear algebra."
        course.courseNumbers = ["18.06"]
        course.departments = ["18"]
        course.levels = ["Undergraduate"]
        course.term = "Spring"
        course.year = "2010"
        course.topics = ["Mathematics > Linear Algebra"]
        course.instructors = ["Prof. Gilbert Strang"]
        course.resourceTypes = ["Lecture Videos"]
        course.prerequisitesText = "18.02 Multivariable Calculus"
        course.relations = [PrerequisiteEdge(number: "18.02", relation: .prerequisite, confidence: 0.95, evidence: "18.02")]
        course.prerequisitesOpen = true
        course.prerequisites = ["ocw-18-02sc-multivariable-calculus-fall-2010"]
        course.units = [ExternalUnit(title: "Vectors", url: "https://example.org/vectors", description: "Vectors and spaces.")]
        course.missing = ["instructors"]
        course.removed = true
        return course
    }

    @Test func everyFieldDiscoverWritesIsReadBack() throws {
        let written = Self.course()
        let (read, entry) = CourseReader.read(written.catalogJSON(), file: Self.file)
        #expect(entry.diagnostics.isEmpty, "\(entry.diagnostics)")
        #expect(entry.external && !entry.packaged)
        let course = try #require(read)
        #expect(course.id == written.id && course.title == written.title && course.subject == "Mathematics")
        #expect(course.level == .intermediate && course.description == written.description)
        #expect(course.prerequisites == written.prerequisites && course.outputs == [.site])
        let link = try #require(course.source.external)
        #expect(link.provider == "ocw" && link.url == written.url && link.providerName == "MIT OpenCourseWare")
        #expect(link.courseNumbers == ["18.06"] && link.departments == ["18"] && link.levels == ["Undergraduate"])
        #expect(link.term == "Spring" && link.year == "2010" && link.topics == written.topics && link.instructors == written.instructors)
        #expect(link.prerequisitesText == written.prerequisitesText && link.removed)
        #expect(link.units == [ExternalLink.Unit(title: "Vectors", url: "https://example.org/vectors", description: "Vectors and spaces.")])
    }

    @Test func aBrokenFieldIsAnErrorAtItsLineAndColumn() {
        var text = Self.course().catalogJSON()
        text = text.replacingOccurrences(of: "\"instructors\":", with: "\"instructor\":")
            .replacingOccurrences(of: "\"relation\": \"prerequisite\"", with: "\"relation\": \"prerequisit\"")
            .replacingOccurrences(of: "{\"title\": \"Vectors\", \"url\": \"https://example.org/vectors\", ", with: "{\"title\": \"Vectors\", ")
        let (course, entry) = CourseReader.read(text, file: Self.file)
        #expect(course == nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        #expect(entry.diagnostics.map(\.description).sorted() == [
            "\(Self.file):\(line("\"instructor\"")):5: error: unknown field 'instructor' in source; did you mean 'instructors'?",
            "\(Self.file):\(line("prerequisit\"")):39: error: 'relation' must be one of prerequisite, corequisite, not 'prerequisit'; did you mean 'prerequisite'?",
            "\(Self.file):\(line("Vectors")):7: error: an item of 'units' is missing the required field 'url'",
        ].sorted())
    }

    @Test func anExternalCourseHasOnlyItsPage() {
        let text = Self.course().catalogJSON().replacingOccurrences(of: "  \"source\": {", with: "  \"outputs\": [\"site\", \"epub\"],\n  \"source\": {")
        let (course, entry) = CourseReader.read(text, file: Self.file)
        #expect(course == nil)
        #expect(entry.diagnostics.map(\.message) == [
            "an external course has only its page: remove 'outputs', or make it a course of its own (kind content, modules or repo)"])
    }
}
