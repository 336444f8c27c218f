import Foundation
import LLM

/// A course another site publishes, as a catalog entry: metadata and a link, no build
/// steps beyond its page. Written to `catalog/external/<provider>/<id>.json` with its keys
/// in a fixed order, so that a change to one field is a one-line diff.
public struct ExternalCourse: Sendable, Equatable {
    /// `ocw`, `khan`.
    public var provider: String
    /// `<provider>-<the site's slug>`: unique in the catalog.
    public var id: String
    public var title: String
    public var url: String
    public var description: String?
    /// The site's course numbers, the primary one first (`18.06`, `6.042J`, `18.062J`).
    public var courseNumbers: [String] = []
    /// Department numbers (`18`, `6`, `21M`).
    public var departments: [String] = []
    /// The site's own levels (`Undergraduate`, `Graduate`).
    public var levels: [String] = []
    public var term: String?
    public var year: String?
    /// Topic paths, `Science > Physics > Quantum Mechanics`.
    public var topics: [String] = []
    public var instructors: [String] = []
    public var resourceTypes: [String] = []
    /// The syllabus's "Prerequisites" section, as text.
    public var prerequisitesText: String?
    /// What the text says, each with its confidence and evidence.
    public var relations: [PrerequisiteEdge] = []
    /// True when no pattern settled the text and no model has read it yet.
    public var prerequisitesOpen = false
    /// The ids of the courses to take first: relations at or above the threshold,
    /// resolved against the catalog (`PrerequisiteGraph`).
    public var prerequisites: [String] = []
    /// The course's parts, in order (Khan Academy's units).
    public var units: [ExternalUnit] = []
    /// Fields the site's data should have had and did not.
    public var missing: [String] = []
    /// No longer listed by the site (kept until `--prune`).
    public var removed = false

    public init(provider: String, id: String, title: String, url: String) {
        self.provider = provider
        self.id = id
        self.title = title
        self.url = url
    }

    /// The site's name for the course's subject (Khan Academy's `Math`), when it has one.
    public var subjectName: String?

    /// The catalog's subject: the site's name for it, else the first department's name.
    public var subject: String {
        subjectName ?? departments.first.map { MITDepartments.name(of: $0) } ?? "general"
    }

    /// The catalog's level, from the site's: the lowest of them. Khan Academy's courses,
    /// from arithmetic to introductory college, are all for beginners.
    public var level: String {
        if provider == "khan" { return "beginner" }
        let lowered = Set(levels.map { $0.lowercased() })
        if lowered.contains("high school") || lowered.contains("non-credit") { return "beginner" }
        if lowered.contains("undergraduate") || lowered.isEmpty { return "intermediate" }
        return "advanced"
    }

    /// The file's text: two-space indented JSON, keys in this order, arrays of strings on
    /// one line.
    public func catalogJSON() -> String {
        var source: [(String, JSONValue)] = [("kind", "external"), ("provider", .string(provider)), ("url", .string(url))]
        // Lists a site does not have are left out, not written empty.
        for (key, list) in [("course_numbers", courseNumbers), ("departments", departments), ("levels", levels)] where !list.isEmpty {
            source.append((key, strings(list)))
        }
        if let term { source.append(("term", .string(term))) }
        if let year { source.append(("year", .string(year))) }
        for (key, list) in [("topics", topics), ("instructors", instructors), ("resource_types", resourceTypes)] where !list.isEmpty {
            source.append((key, strings(list)))
        }
        if let prerequisitesText { source.append(("prerequisites_text", .string(prerequisitesText))) }
        if prerequisitesOpen { source.append(("prerequisites_open", .bool(true))) }
        if !missing.isEmpty { source.append(("missing", strings(missing))) }
        if removed { source.append(("removed", .bool(true))) }
        var top: [(String, JSONValue)] = [("id", .string(id)), ("title", .string(title)), ("subject", .string(subject)),
                                          ("level", .string(level))]
        if let description { top.append(("description", .string(description))) }
        top.append(("prerequisites", strings(prerequisites)))
        var out = "{\n"
        for (key, value) in top { out += "  " + Self.quoted(key) + ": " + Self.text(value) + ",\n" }
        out += "  \"source\": {\n"
        var fields = source.map { "    " + Self.quoted($0.0) + ": " + Self.text($0.1) }
        // Lists of objects: one object a line, its fields in reading order, before `missing`.
        let end = fields.firstIndex { $0.hasPrefix("    \"missing\"") || $0.hasPrefix("    \"removed\"") } ?? fields.count
        fields.insert(contentsOf: [
            Self.objects("units", units.map { unit in
                [("title", .string(unit.title)), ("url", .string(unit.url))]
                    + (unit.description.map { [("description", JSONValue.string($0))] } ?? [])
            }),
            Self.objects("prerequisite_relations", relations.map { edge in
                [("number", .string(edge.number)), ("relation", .string(edge.relation.rawValue)),
                 ("confidence", .number(edge.confidence)), ("evidence", .string(edge.evidence))]
            }),
        ].compactMap { $0 }, at: end)
        out += fields.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return out
    }

    /// `"key": [` and one object a line, or nil for no objects.
    private static func objects(_ key: String, _ objects: [[(String, JSONValue)]]) -> String? {
        guard !objects.isEmpty else { return nil }
        let lines = objects.map { fields in
            "      {" + fields.map { quoted($0.0) + ": " + $0.1.canonicalText }.joined(separator: ", ") + "}"
        }
        return "    " + quoted(key) + ": [\n" + lines.joined(separator: ",\n") + "\n    ]"
    }

    private func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    /// A value as the file shows it: canonical JSON, with a space after each comma of a
    /// list of strings.
    private static func text(_ value: JSONValue) -> String {
        guard case .array(let items) = value else { return value.canonicalText }
        return "[" + items.map(\.canonicalText).joined(separator: ", ") + "]"
    }

    private static func quoted(_ key: String) -> String {
        var out = ""
        JSONValue.quote(key, into: &out)
        return out
    }
}

/// A part of an external course: a Khan Academy unit.
public struct ExternalUnit: Sendable, Equatable {
    public var title: String
    public var url: String
    public var description: String?

    public init(title: String, url: String, description: String?) {
        self.title = title
        self.url = url
        self.description = description
    }
}
