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
        var taken = Set<String>()
        return groups.map { group in
            let objectives = group.flatMap { $0.objectives.prefix(2) }.prefix(4)
            let words = group.map(\.words).reduce(0, +)
            return [
                "title": .string(PathwayPlanner.unique(title(of: group), among: &taken)),
                "objectives": .array((objectives.isEmpty ? ["Explain \(group[0].title.lowercasedFirst)"] : Array(objectives))
                    .map(JSONValue.string)),
                "minutes": .number(Double(min(600, max(5, words / 200 + 5 * group.count)))),
                "documents": .array(group.map { .string($0.path) }),
            ]
        }
    }

    /// A single document's title; for a group, its first two documents' titles. Never the
    /// folder the documents share: "Articles" or "Cli" says nothing of what a module teaches.
    private func title(of group: [Document]) -> String {
        let titles = group.map { $0.title.isEmpty ? $0.path : $0.title }
        if titles.count == 1 { return titles[0] }
        return "\(titles[0]) and \(titles[1].lowercasedFirst)" + (titles.count > 2 ? ", and more" : "")
    }

    /// `title`, or `title (part 2)` and on when an earlier module of the pathway has it:
    /// no two modules of a course share a title.
    static func unique(_ title: String, among taken: inout Set<String>) -> String {
        var candidate = title
        var part = 1
        while taken.contains(candidate) {
            part += 1
            candidate = "\(title) (part \(part))"
        }
        taken.insert(candidate)
        return candidate
    }
}
