import LLM
/// Plans pathways through a course's documents (the `plan-pathways` schema) from their
/// analyses: one option follows the repository's own order, the other puts concepts and
/// guides before tutorials and reference. Small documents share a module with the next
/// one, and a long course is grouped into at most `maxModules` modules.
struct PathwayPlanner {
    struct Document {
        var path: String
        var title: String
        var type: String
        var complexity: String
        var objectives: [String]
        var words: Int
    }

    let documents: [Document]
    static let maxModules = 10
    static let smallDocument = 150

    init(_ request: PlanningRequest) {
        documents = request.documents.map { d in
            Document(path: d.path, title: d.title, type: d.type, complexity: d.complexity, objectives: d.objectives,
                     words: d.words)
        }
    }

    func plan() -> JSONValue {
        let complexity = ["introductory": 0, "intermediate": 1, "advanced": 2]
        let types = ["concept": 0, "guide": 1, "tutorial": 2, "example": 3, "faq": 4, "reference": 5, "api": 6]
        let conceptsFirst = documents.enumerated().sorted { a, b in
            let x = (complexity[a.element.complexity] ?? 1, types[a.element.type] ?? 7, a.offset)
            let y = (complexity[b.element.complexity] ?? 1, types[b.element.type] ?? 7, b.offset)
            return x < y
        }.map(\.element)
        return ["options": [
            ["name": "Follow the documentation",
             "rationale": .string("Reads the documents in the order the repository keeps them, a topic per module, "
                                  + "as their authors meant them to be read."),
             "modules": .array(modules(documents))],
            ["name": "Concepts first",
             "rationale": .string("Starts with the introductory concepts and guides, then the tutorials, then the reference "
                                  + "material, so each module builds on the one before."),
             "modules": .array(modules(conceptsFirst))],
        ]]
    }

    private func modules(_ ordered: [Document]) -> [JSONValue] {
        var groups: [[Document]] = []
        let size = max(1, (ordered.count + PathwayPlanner.maxModules - 1) / PathwayPlanner.maxModules)
        var current: [Document] = []
        for document in ordered {
            current.append(document)
            let words = current.map(\.words).reduce(0, +)
            if current.count >= size && words >= PathwayPlanner.smallDocument {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty {
            if groups.isEmpty { groups.append(current) } else { groups[groups.count - 1] += current }
        }
        return groups.map { group in
            let objectives = group.flatMap { $0.objectives.prefix(2) }.prefix(4)
            let words = group.map(\.words).reduce(0, +)
            return [
                "title": .string(title(of: group)),
                "objectives": .array((objectives.isEmpty ? ["Explain \(group[0].title.lowercasedFirst)"] : Array(objectives))
                    .map(JSONValue.string)),
                "minutes": .number(Double(min(600, max(5, words / 200 + 5 * group.count)))),
                "documents": .array(group.map { .string($0.path) }),
            ]
        }
    }

    /// A single document's title; for a group, the folder they share, else the first two titles.
    private func title(of group: [Document]) -> String {
        if group.count == 1 { return group[0].title.isEmpty ? group[0].path : group[0].title }
        // The folder the group shares names it, unless every document of the course is in it.
        let folder = { (d: Document) in d.path.split(separator: "/").dropLast().joined(separator: "/") }
        let folders = Set(group.map(folder))
        if folders.count == 1, let shared = folders.first, !shared.isEmpty, documents.contains(where: { folder($0) != shared }),
           let name = shared.split(separator: "/").last, !name.contains(".") {
            return PathwayPlanner.words(String(name))
        }
        return "\(group[0].title) and \(group[1].title.lowercasedFirst)" + (group.count > 2 ? ", and more" : "")
    }

    /// `BestPractices` or `best-practices` → `Best practices`.
    static func words(_ name: String) -> String {
        var out = ""
        for c in name {
            if c == "-" || c == "_" { out.append(" ") } else if c.isUppercase && !out.isEmpty && out.last != " " {
                out.append(" ")
                out.append(Character(c.lowercased()))
            } else { out.append(c) }
        }
        return out.capitalizedFirst
    }
}
