/// A repository course's planned learning pathways, as `catalog/<id>.pathway.yml` holds
/// them: several options, one chosen. Planned once by the build; afterwards the file is
/// the author's, and the build uses it as written.
public struct Pathway: Sendable, Codable, Equatable {
    public struct Option: Sendable, Codable, Equatable {
        /// Unique in the file; `chosen` names one.
        public var id: String
        public var name: String
        public var rationale: String
        public var modules: [PlannedModule]

        public init(id: String, name: String, rationale: String, modules: [PlannedModule]) {
            self.id = id
            self.name = name
            self.rationale = rationale
            self.modules = modules
        }
    }

    /// One module of an option, and the documents (paths in the repository) it draws on.
    public struct PlannedModule: Sendable, Codable, Equatable {
        /// Unique in its option; the module's page is `<id>.html`.
        public var id: String
        public var title: String
        public var minutes: Int
        public var objectives: [String]
        public var documents: [String]

        public init(id: String, title: String, minutes: Int, objectives: [String], documents: [String]) {
            self.id = id
            self.title = title
            self.minutes = minutes
            self.objectives = objectives
            self.documents = documents
        }
    }

    public var chosen: String
    public var options: [Option]

    public init(chosen: String, options: [Option]) {
        self.chosen = chosen
        self.options = options
    }

    /// The option the course is built from (the reader checks that `chosen` names one).
    public var chosenOption: Option { options.first { $0.id == chosen } ?? options[0] }

    /// A page-safe id for a title: lowercase words joined by `-`, made unique against `taken`.
    public static func id(for title: String, taken: Set<String>) -> String {
        let words = title.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber ? $0 : " " }
        var base = String(words).split(separator: " ").prefix(6).joined(separator: "-")
        if base.isEmpty { base = "module" }
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        return id
    }
}
