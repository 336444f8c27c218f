import Discovery
import Foundation
import Testing

/// Issue 16: patterns settle what a syllabus's prerequisites text says plainly, and leave
/// the rest to the detect-prerequisites step.
@Suite struct PrerequisitePatternTests {
    struct Labelled: Decodable {
        var course: String
        var text: String
        var prerequisites: [String]
        var corequisites: [String]
    }

    struct Edge: Hashable {
        var number: String
        var relation: String
    }

    @Test func onHandLabelledSyllabiPrecisionIsAtLeast90AndRecallAtLeast80Percent() throws {
        let url = Fixture.root.deletingLastPathComponent().appendingPathComponent("prerequisites/labelled.json")
        let labelled = try JSONDecoder().decode([Labelled].self, from: Data(contentsOf: url))
        #expect(labelled.count >= 30)
        var truePositives = 0, found = 0, truth = 0, open = 0
        for item in labelled {
            let expected = Set(item.prerequisites.map { Edge(number: $0, relation: "prerequisite") }
                               + item.corequisites.map { Edge(number: $0, relation: "corequisite") })
            truth += expected.count
            guard case .settled(let edges) = PrerequisitePatterns.find(in: item.text, ownNumbers: [item.course]) else {
                open += 1
                continue
            }
            let got = Set(edges.map { Edge(number: $0.number, relation: $0.relation.rawValue) })
            found += got.count
            truePositives += got.intersection(expected).count
            if got != expected { print("patterns: \(item.course): \(got.map { "\($0.number) \($0.relation)" }.sorted()) against \(expected.map { "\($0.number) \($0.relation)" }.sorted())") }
        }
        let precision = Double(truePositives) / Double(max(found, 1))
        let recall = Double(truePositives) / Double(max(truth, 1))
        print(String(format: "prerequisite patterns: precision %.2f (%d of %d found), recall %.2f (%d of %d labelled), %d of %d texts left open",
                     precision, truePositives, found, recall, truePositives, truth, open, labelled.count))
        #expect(precision >= 0.9)
        #expect(recall >= 0.8)
        #expect(open > 0 && open < labelled.count / 4, "\(open) texts left open")
    }

    static func numbers(_ finding: PrerequisiteFinding) -> [String] {
        guard case .settled(let edges) = finding else { return ["open"] }
        return edges.map { "\($0.number) \($0.relation.rawValue)" }
    }

    @Test func eachPhrasingIsReadAsAPersonWould() {
        #expect(Self.numbers(PrerequisitePatterns.find(in: "8.03 is the prerequisite, which has 18.03 as a prerequisite."))
                == ["8.03 prerequisite"], "a prerequisite's prerequisite is not direct")
        #expect(Self.numbers(PrerequisitePatterns.find(in: "6.042J/18.062J Mathematics for Computer Science."))
                == ["6.042J prerequisite"], "a cross-listed subject is one course")
        #expect(Self.numbers(PrerequisitePatterns.find(in: "8.01 or 8.012 or 8.01L; 18.02 is a corequisite."))
                == ["8.01 prerequisite", "8.012 prerequisite", "8.01L prerequisite", "18.02 corequisite"])
        #expect(Self.numbers(PrerequisitePatterns.find(in: "The prerequisite is 18.01. 18.02 is a corequisite.", ownNumbers: ["18.03"]))
                == ["18.01 prerequisite", "18.02 corequisite"], "a sentence ending in a number")
        #expect(Self.numbers(PrerequisitePatterns.find(in: "Permission of instructor.")) == [])
        #expect(Self.numbers(PrerequisitePatterns.find(in: "None")) == [])
        #expect(Self.numbers(PrerequisitePatterns.find(in: "Grades: problem sets 30.5%, exams 69.5%.")) == ["open"])
        #expect(Self.numbers(PrerequisitePatterns.find(in: "Students should have completed Quantum Physics I.")) == ["open"])
        #expect(Self.numbers(PrerequisitePatterns.find(in: "6.0002 continues 6.0001.", ownNumbers: ["6.0002"])) == ["6.0001 prerequisite"])
        #expect(PrerequisitePatterns.base(of: "18.01SC") == "18.01" && PrerequisitePatterns.base(of: "6.042J") == "6.042")
        #expect(PrerequisitePatterns.base(of: "6.S099") == "6.S099" && PrerequisitePatterns.base(of: "21M.011") == "21M.011")
    }
}
