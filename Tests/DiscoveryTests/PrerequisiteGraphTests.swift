import Discovery
import Testing

@Suite struct PrerequisiteGraphTests {
    static func course(_ id: String, _ numbers: [String], year: String, needs relations: [(String, PrerequisiteEdge.Relation, Double)]) -> ExternalCourse {
        var course = ExternalCourse(provider: "ocw", id: id, title: id, url: "")
        course.courseNumbers = numbers
        course.year = year
        course.relations = relations.map { PrerequisiteEdge(number: $0.0, relation: $0.1, confidence: $0.2, evidence: "…") }
        return course
    }

    @Test func numbersResolveToTheLatestOfferingAndTheRestIsReported() {
        let courses = [
            Self.course("calc-2006", ["18.01"], year: "2006", needs: []),
            Self.course("calc-sc-2010", ["18.01SC"], year: "2010", needs: []),
            Self.course("mcs", ["6.042J", "18.062J"], year: "2015", needs: [("18.01", .prerequisite, 0.95)]),
            Self.course("algorithms", ["6.006"], year: "2020",
                        needs: [("18.062J", .prerequisite, 0.95), ("6.0001", .prerequisite, 0.95), ("8.01", .corequisite, 0.9),
                                ("18.06", .prerequisite, 0.5)]),
        ]
        let targets = courses.map { PrerequisiteGraph.Target(id: $0.id, numbers: $0.courseNumbers, year: $0.year) }
        let graph = PrerequisiteGraph.resolve(courses, targets: targets)
        #expect(graph.edges["mcs"] == ["calc-2006"], "an exact number wins over a newer offering with a suffix")
        #expect(graph.edges["algorithms"] == ["mcs"], "a cross-listed number is the same course; a co-requisite no edge")
        #expect(graph.unknown == ["algorithms": ["6.0001"]], "18.06 is below the threshold, 6.0001 is in no entry")
        #expect(graph.cycles.isEmpty)

        let withoutExact = targets.filter { $0.id != "calc-2006" }
        #expect(PrerequisiteGraph.resolve(courses, targets: withoutExact).edges["mcs"] == ["calc-sc-2010"])
    }

    @Test func coursesThatRequireEachOtherAreACycle() {
        let courses = [
            Self.course("b", ["18.02"], year: "2010", needs: [("18.06", .prerequisite, 0.95)]),
            Self.course("a", ["18.06"], year: "2010", needs: [("18.02", .prerequisite, 0.95)]),
            Self.course("c", ["18.03"], year: "2010", needs: [("18.02", .prerequisite, 0.95)]),
        ]
        let graph = PrerequisiteGraph.resolve(courses, targets: courses.map {
            PrerequisiteGraph.Target(id: $0.id, numbers: $0.courseNumbers, year: $0.year)
        })
        #expect(graph.cycles == [["a", "b"]])
    }
}
