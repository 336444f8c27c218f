import Catalog
import Diagnostics
import Testing

@Suite struct PathwayFileTests {
    static let pathway = Pathway(chosen: "guided", options: [
        Pathway.Option(id: "guided", name: "Guided", rationale: "In order.", modules: [
            Pathway.PlannedModule(id: "setup", title: "Set up: the lab", minutes: 20, objectives: ["Set up a lamp"],
                                  documents: ["docs/setup.md"]),
        ]),
        Pathway.Option(id: "fast", name: "Fast", rationale: "Short.", modules: [
            Pathway.PlannedModule(id: "all", title: "Everything", minutes: 45, objectives: [], documents: ["docs/setup.md", "docs/b.md"]),
        ]),
    ])

    @Test func aWrittenPathwayReadsBackAsTheSameValue() throws {
        let text = try PathwayFile.render(Self.pathway, course: "lab")
        #expect(text.hasPrefix("# The learning pathway of course 'lab'"))
        let (read, diagnostics) = PathwayFile.read(text, file: "catalog/lab.pathway.yml", documents: ["docs/setup.md", "docs/b.md"])
        #expect(diagnostics.isEmpty)
        #expect(read == Self.pathway)
    }

    @Test func anUnknownChoiceAndAnUnknownDocumentAreErrorsAtTheirLines() throws {
        var text = try PathwayFile.render(Self.pathway, course: "lab")
        text = text.replacingOccurrences(of: "chosen: guided", with: "chosen: guidde")
            .replacingOccurrences(of: "  - docs/b.md", with: "  - docs/c.md")
        let (read, diagnostics) = PathwayFile.read(text, file: "catalog/lab.pathway.yml", documents: ["docs/setup.md", "docs/b.md"])
        #expect(read == nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let chosenLine = lines.firstIndex { $0.hasPrefix("chosen:") }! + 1
        let pathLine = lines.firstIndex { $0.contains("docs/c.md") }! + 1
        #expect(diagnostics.contains { $0.location.line == chosenLine && $0.message.contains("did you mean 'guided'?") })
        #expect(diagnostics.contains { $0.location.line == pathLine && $0.message.contains("'docs/c.md' is not among")
            && $0.message.contains("did you mean 'docs/b.md'?") })
    }

    @Test func idsComeFromTitlesAndStayUnique() {
        #expect(Pathway.id(for: "Set up: the lab!", taken: []) == "set-up-the-lab")
        #expect(Pathway.id(for: "Set up: the lab!", taken: ["set-up-the-lab"]) == "set-up-the-lab-2")
        #expect(Pathway.id(for: "???", taken: []) == "module")
    }
}
