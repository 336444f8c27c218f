import Effects
import Engine
import Foundation
import Render
import Store

/// `prereqmap:` draws the catalog's prerequisites as `prerequisites.svg` with Graphviz
/// `dot` (each course in a prerequisite relation a box linking to its page, an arrow from
/// a prerequisite to the course that needs it); the index links to it. Its value is the
/// file's name, or empty when there is no map: no course has a prerequisite, or more than
/// `maxCourses` take part (a map that large helps no reader, and dot's layout of 10,000
/// boxes takes half a minute).
struct PrerequisiteMapRule: TypedRule {
    let version = 2  // 2: only courses in a relation, at most maxCourses
    let environment: PipelineEnvironment

    static let file = "prerequisites.svg"
    static let maxCourses = 500

    func compute(_ key: PrerequisiteMapKey, in context: RuleContext) async throws -> String {
        let catalog = try await context.need(CatalogKey())
        let required = Set(catalog.courses.flatMap(\.prerequisites))
        let related = catalog.courses.filter { !$0.prerequisites.isEmpty || required.contains($0.id) }
        guard !related.isEmpty, related.count <= PrerequisiteMapRule.maxCourses else { return "" }
        let summaries = try await context.need(related.map { SummaryKey(course: $0.id) })
        let dot = PrerequisiteMapRule.dot(related.map { ($0.id, $0.prerequisites) },
                                          titles: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0.title) }))
        guard let runner = environment.processes else { throw PipelineError("this command cannot run Graphviz") }
        let output: ProcessOutput
        do {
            output = try await runner.run("dot", ["-Tsvg"], input: Data(dot.utf8))
        } catch {
            throw PipelineError("cannot run dot (\(error)); install graphviz (make setup does)")
        }
        guard output.status == 0 else {
            throw PipelineError(output.status == 127 ? "dot is not installed; install graphviz (make setup does)"
                                : "dot failed: \(output.stderr.split(separator: "\n").first ?? "")")
        }
        try context.write(environment.sitePath(PrerequisiteMapRule.file), output.stdout)
        return PrerequisiteMapRule.file
    }

    /// The graph in DOT, sorted, so the same catalog gives the same picture.
    static func dot(_ courses: [(id: String, prerequisites: [String])], titles: [String: String]) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["digraph prerequisites {", "  rankdir=LR;",
                     "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6f8\", color=\"#1f5fbf\", fontname=\"sans-serif\", fontsize=11];",
                     "  edge [color=\"#5b6673\"];"]
        for course in courses.sorted(by: { $0.id < $1.id }) {
            lines.append("  \(quoted(course.id)) [label=\(quoted(titles[course.id] ?? course.id)), URL=\(quoted(course.id + "/index.html")), target=\"_top\"];")
        }
        for course in courses.sorted(by: { $0.id < $1.id }) {
            for prerequisite in course.prerequisites.sorted() { lines.append("  \(quoted(prerequisite)) -> \(quoted(course.id));") }
        }
        return (lines + ["}", ""]).joined(separator: "\n")
    }
}
