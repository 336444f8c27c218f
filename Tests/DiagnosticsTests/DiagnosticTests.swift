import Diagnostics
import Testing

@Suite struct DiagnosticTests {
    @Test func rendersLikeACompilerWithTheSourceLineAndACaret() {
        let d = Diagnostic.error("unknown field 'titel'", at: SourceLocation(file: "catalog/a.md", line: 2, column: 3))
        #expect(d.rendered(source: "---\n  titel: x\n---\n") == """
            catalog/a.md:2:3: error: unknown field 'titel'
                  titel: x
                  ^
            """)
        #expect(d.rendered(source: nil) == "catalog/a.md:2:3: error: unknown field 'titel'")
    }

    @Test func sortsByFileThenLineThenColumn() {
        let a = Diagnostic.error("x", at: SourceLocation(file: "b.md", line: 1, column: 9))
        let b = Diagnostic.error("x", at: SourceLocation(file: "a.md", line: 10, column: 1))
        let c = Diagnostic.error("x", at: SourceLocation(file: "a.md", line: 2, column: 5))
        #expect([a, b, c].sorted() == [c, b, a])
    }

    @Test func suggestsTheClosestNameOnlyWhenItIsClose() {
        #expect(Suggestion.closest(to: "titel", in: ["id", "title", "subject"]) == "title")
        #expect(Suggestion.closest(to: "prerequisits", in: ["prerequisites", "priority"]) == "prerequisites")
        #expect(Suggestion.closest(to: "colour", in: ["id", "title"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("titel", "title") == 1)
    }
}
