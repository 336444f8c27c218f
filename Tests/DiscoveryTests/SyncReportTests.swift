import Discovery
import Testing

@Suite struct SyncReportTests {
    static let external = [
        SyncReport.Course(id: "khan-math-geometry", title: "High school geometry",
                          text: "Math\nTransformations, congruence, similarity and trigonometry of triangles.", prerequisites: ["khan-math-algebra"]),
        SyncReport.Course(id: "khan-math-algebra", title: "Algebra 1", text: "Math\nLinear equations, inequalities and graphs.",
                          prerequisites: []),
        SyncReport.Course(id: "khan-science-biology", title: "High school biology", text: "Science\nCells, energy and genetics.",
                          prerequisites: []),
    ]

    @Test func theClosestCoursesComeFirstAndTheirPrerequisitesAreSuggested() {
        let own = [
            SyncReport.Course(id: "triangles", title: "Triangles and similarity", text: "Congruence and similarity of triangles, with proofs.",
                              prerequisites: []),
            SyncReport.Course(id: "pottery", title: "Pottery for beginners", text: "Clay, wheels and kilns.", prerequisites: ["khan-science-biology"]),
        ]
        let rows = SyncReport.rows(own: own, external: Self.external)
        #expect(rows[0].similar.map(\.id) == ["khan-math-geometry"], "\(rows[0].similar)")
        #expect(rows[0].similar[0].score > 0.2)
        #expect(rows[0].prerequisites.map { "\($0.id) via \($0.via)" } == ["khan-math-algebra via khan-math-geometry"])
        #expect(rows[1].similar.isEmpty, "nothing covers pottery")
        #expect(rows[1].prerequisites.map(\.via) == ["named"])
    }
}
