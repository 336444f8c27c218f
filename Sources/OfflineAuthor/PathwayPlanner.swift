import LLM
/// Plans pathways through a course's documents (the `plan-pathways` schema) from their
/// analyses: one option follows the repository's own order, the other puts concepts and
/// guides before tutorials and reference. Documents are grouped into modules of one
/// sitting; reference pages form an appendix.
struct PathwayPlanner {
    struct Document {
        var path: String
        var title: String
        var type: String
        var complexity: String
        var objectives: [String]
        var words: Int
        var appendix: Bool
    }

    let documents: [Document]

    init(_ request: PlanningRequest) {
        documents = request.documents.map { d in
            Document(path: d.path, title: d.title, type: d.type, complexity: d.complexity, objectives: d.objectives,
                     words: d.words, appendix: d.appendix)
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
             "rationale": .string("Reads the documents in the order their authors give them, in modules of one sitting, "
                                  + "as their authors meant them to be read."),
             "modules": .array(modules(documents))],
            ["name": "Concepts first",
             "rationale": .string("Starts with the introductory concepts and guides, then the tutorials, then the reference "
                                  + "material, so each module builds on the one before."),
             "modules": .array(modules(conceptsFirst))],
        ]]
    }

    /// Modules sized for one sitting: documents in order, grouped until they hold about
    /// ten minutes of reading, never past thirty unless one document is that long;
    /// reference pages after them, as an appendix.
    private func modules(_ ordered: [Document]) -> [JSONValue] {
        let teaching = ordered.filter { !$0.appendix }
        let reference = ordered.filter(\.appendix)
        var taken = Set<String>()
        return (PathwayPlanner.group(teaching).map { ($0, false) } + PathwayPlanner.group(reference).map { ($0, true) })
            .map { group, isReference in
                var seen = Set<String>()
                let objectives = group.flatMap { $0.objectives.prefix(2) }.filter { seen.insert($0.lowercased()).inserted }.prefix(4)
                let words = group.map(\.words).reduce(0, +)
                let title = isReference ? "Reference: " + title(of: group) : title(of: group)
                return [
                    "title": .string(PathwayPlanner.unique(title, among: &taken)),
                    "objectives": .array((objectives.isEmpty ? [group[0].title] : Array(objectives)).map(JSONValue.string)),
                    "minutes": .number(Double(max(5, (words + 199) / 200))),
                    "documents": .array(group.map { .string($0.path) }),
                ]
            }
    }

    static let sittingWords = (least: 2_000, most: 6_000)

    static func group(_ documents: [Document]) -> [[Document]] {
        var groups: [[Document]] = []
        var current: [Document] = []
        var words = 0
        for document in documents {
            if !current.isEmpty, words + document.words > sittingWords.most {
                groups.append(current)
                (current, words) = ([], 0)
            }
            current.append(document)
            words += document.words
            if words >= sittingWords.least {
                groups.append(current)
                (current, words) = ([], 0)
            }
        }
        if !current.isEmpty {
            let lastWords = groups.last.map { $0.map(\.words).reduce(0, +) }
            if let lastWords, words < sittingWords.least / 2, lastWords + words <= sittingWords.most { groups[groups.count - 1] += current }
            else { groups.append(current) }
        }
        return groups
    }

    /// A single document's title; for a group, its first two documents' titles. Never the
    /// folder the documents share: "Articles" or "Cli" says nothing of what a module teaches.
    private func title(of group: [Document]) -> String {
        let titles = group.map { $0.title.isEmpty ? $0.path : $0.title }
        if titles.count <= 2 || (titles.count <= 4 && titles.joined().count <= 70) { return prose(titles) }
        return titles.count == 3 ? "\(titles[0]), \(titles[1]) and one more" : "\(titles[0]), \(titles[1]) and \(titles.count - 2) more"
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
