import Discovery
import Foundation
import Testing

@Suite struct KhanExportTests {
    static let export = Fixture.root.deletingLastPathComponent().appendingPathComponent("khan-export.tsv")

    @Test func theListedCoursesComeWithTheirSubjectUnitsAndPrerequisites() throws {
        var report = ImportReport(provider: "khan")
        let courses = KhanExport.courses(try Data(contentsOf: Self.export), name: "khan-export.tsv",
                                         base: "https://www.khanacademy.org", into: &report)
        #expect(courses.map(\.id) == ["khan-math-algebra", "khan-math-geometry", "khan-math-statistics-probability",
                                      "khan-science-biology", "khan-science-chemistry", "khan-computing-computer-programming",
                                      "khan-math-algebra2"], "an unlisted course was imported, or one is missing (in the file's order)")
        let algebra = try #require(courses.first)
        #expect(algebra.title == "Algebra 1" && algebra.subject == "Math" && algebra.level == "beginner")
        #expect(algebra.url == "https://www.khanacademy.org/math/algebra")
        #expect(algebra.units.map(\.title) == ["Algebra foundations", "Solving equations & inequalities", "Working with units",
                                               "Linear equations & graphs"])
        #expect(algebra.units.first?.description == "Overview and history of algebra, variables and expressions, and the order of operations.")
        #expect(courses.first { $0.id == "khan-math-geometry" }?.prerequisites == ["khan-math-algebra"])
        #expect(courses.first { $0.id == "khan-science-chemistry" }?.prerequisites == ["khan-science-biology"])
        #expect(report.missingFields.map(\.id) == ["khan-science-chemistry"])
        #expect(report.failures.isEmpty && report.unknownPrerequisites.isEmpty)
    }

    @Test func aBrokenExportIsReportedByLine() {
        var report = ImportReport(provider: "khan")
        let noKind = Data("id\ttitle\tslug\tchildren_ids\nx1\tMath\tmath\t\n".utf8)
        #expect(KhanExport.courses(noKind, name: "e.tsv", base: "", into: &report).isEmpty)
        #expect(report.failures.map(\.url) == ["e.tsv:1"] && report.failures.first?.reason.contains("'kind'") == true)

        report = ImportReport(provider: "khan")
        let rows = "id\tkind\ttitle\tslug\tchildren_ids\tprerequisites\n"
            + "d1\tDomain\tMath\tmath\tc1,c2\t\n"
            + "c1\tCourse\tAlgebra\talgebra\t\tc9\n"
            + "c2\tCourse\tGeometry\n"
        let courses = KhanExport.courses(Data(rows.utf8), name: "e.tsv", base: "https://k", into: &report)
        #expect(courses.map(\.id) == ["khan-math-algebra"])
        #expect(report.failures.map(\.url) == ["e.tsv:4"], "a short line is named by its line number")
        #expect(report.unknownPrerequisites.first?.numbers == ["c9"])
    }
}
