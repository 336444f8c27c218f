import Catalog

/// External courses' prerequisites, resolved from the course numbers a syllabus names to
/// catalog ids: an exact number first (`6.042J`, or a cross-listed `18.062J`), else the
/// number without its suffix (`18.01` → `18.01SC`); among several offerings, the latest.
public struct PrerequisiteGraph: Sendable, Equatable {
    /// A course's prerequisites (relations at or above the threshold), by id.
    public var edges: [String: [String]] = [:]
    /// Numbers a course names that no course in the catalog has.
    public var unknown: [String: [String]] = [:]
    /// Courses that require each other, each cycle from its smallest id.
    public var cycles: [[String]] = []

    /// A course the graph can point to: its id, numbers and year.
    public struct Target: Sendable {
        public var id: String
        public var numbers: [String]
        public var year: String?

        public init(id: String, numbers: [String], year: String?) {
            self.id = id
            self.numbers = numbers
            self.year = year
        }
    }

    public static let threshold = 0.7

    /// Resolves `courses`' relations against `targets` (those courses and any others the
    /// catalog holds). Co-requisites are kept as relations, not made edges: they are taken
    /// at the same time, not first.
    public static func resolve(_ courses: [ExternalCourse], targets: [Target], threshold: Double = threshold) -> PrerequisiteGraph {
        var exact: [String: [Target]] = [:], byBase: [String: [Target]] = [:]
        for target in targets {
            for number in target.numbers {
                exact[number.uppercased(), default: []].append(target)
                byBase[PrerequisitePatterns.base(of: number), default: []].append(target)
            }
        }
        var graph = PrerequisiteGraph()
        for course in courses {
            var ids: [String] = [], missing: [String] = []
            for relation in course.relations where relation.relation == .prerequisite && relation.confidence >= threshold {
                let candidates = exact[relation.number.uppercased()] ?? byBase[PrerequisitePatterns.base(of: relation.number)] ?? []
                guard let chosen = latest(candidates.filter { $0.id != course.id }) else {
                    missing.append(relation.number)
                    continue
                }
                if !ids.contains(chosen.id) { ids.append(chosen.id) }
            }
            if !ids.isEmpty { graph.edges[course.id] = ids }
            if !missing.isEmpty { graph.unknown[course.id] = missing }
        }
        graph.cycles = PrerequisiteCycles.find(in: graph.edges)
        return graph
    }

    private static func latest(_ candidates: [Target]) -> Target? {
        candidates.max { ($0.year ?? "", $1.id) < ($1.year ?? "", $0.id) }
    }
}
