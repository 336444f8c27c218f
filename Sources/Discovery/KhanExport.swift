import Foundation

/// Khan Academy's public content export: a TSV with a header row and one node a line
/// (`id`, `kind`, `title`, `slug`, `description`, `ka_url`, `children_ids`,
/// `prerequisites`, `listed`; lists comma-separated). Domains hold courses, courses hold
/// units; a course's prerequisites name other courses by id. Unlisted nodes are left out.
public enum KhanExport {
    struct Node {
        var id: String, kind: String, title: String, slug: String, description: String?, url: String?
        var children: [String], prerequisites: [String], listed: Bool
    }

    static let required = ["id", "kind", "title", "slug", "children_ids"]

    /// The listed courses of the export `name` (a path or URL, for messages); problems
    /// (a missing column, a line of the wrong width, an unknown prerequisite) go to the report.
    public static func courses(_ bytes: Data, name: String, base: String, into report: inout ImportReport) -> [ExternalCourse] {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [] }
        let column = Dictionary(header.enumerated().map { ($1.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        if let absent = required.first(where: { column[$0] == nil }) {
            report.failures.append(("\(name):1", "no '\(absent)' column (the header has \(header.joined(separator: ", ")))"))
            return []
        }
        var nodes: [String: Node] = [:]
        var order: [String] = []
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count else {
                report.failures.append(("\(name):\(n + 1)", "\(cells.count) fields where the header has \(header.count)"))
                continue
            }
            func cell(_ key: String) -> String? { column[key].flatMap { nonEmpty(cells[$0]) } }
            func list(_ key: String) -> [String] { (cell(key) ?? "").split(separator: ",").compactMap { nonEmpty(String($0)) } }
            let node = Node(id: cell("id") ?? "", kind: (cell("kind") ?? "").lowercased(), title: cell("title") ?? "",
                            slug: cell("slug") ?? "", description: cell("description"), url: cell("ka_url"),
                            children: list("children_ids"), prerequisites: list("prerequisites"),
                            listed: !["false", "0", "no"].contains((cell("listed") ?? "true").lowercased()))
            guard !node.id.isEmpty else { continue }
            nodes[node.id] = node
            order.append(node.id)
        }
        // Each course's subject: the domain that lists it.
        var subjectOf: [String: Node] = [:]
        for id in order { if let domain = nodes[id], domain.kind == "domain" { for child in domain.children { subjectOf[child] = domain } } }
        func entryID(_ course: Node) -> String? {
            subjectOf[course.id].map { "khan-\($0.slug)-\(course.slug)".lowercased() }
        }
        var courses: [ExternalCourse] = []
        for id in order {
            guard let node = nodes[id], node.kind == "course", node.listed, let subject = subjectOf[id], let entry = entryID(node) else { continue }
            var course = ExternalCourse(provider: "khan", id: entry, title: node.title,
                                        url: node.url ?? "\(base)/\(subject.slug)/\(node.slug)")
            course.description = node.description
            course.subjectName = subject.title
            course.units = node.children.compactMap { nodes[$0] }.filter { $0.kind == "unit" && $0.listed }.map {
                ExternalUnit(title: $0.title, url: $0.url ?? "\(course.url)/\($0.slug)", description: $0.description)
            }
            var unknown: [String] = []
            for prerequisite in node.prerequisites {
                if let other = nodes[prerequisite], other.kind == "course", other.listed, let otherID = entryID(other) {
                    course.prerequisites.append(otherID)
                } else {
                    unknown.append(prerequisite)
                }
            }
            if !unknown.isEmpty { report.unknownPrerequisites.append((entry, unknown)) }
            if course.description == nil { course.missing.append("description") }
            if course.units.isEmpty { course.missing.append("units") }
            if !course.missing.isEmpty { report.missingFields.append((entry, course.missing)) }
            courses.append(course)
        }
        return courses
    }
}
