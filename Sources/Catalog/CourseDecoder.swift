import Diagnostics

/// Checks a course's field tree and builds the `Course`; remembers where the id and each
/// prerequisite are written, for the catalog's cross-file checks.
struct CourseDecoder {
    let file: String
    let body: String
    private(set) var id: String?
    private(set) var idLocation: SourceLocation?
    private(set) var prerequisites: [Reference] = []

    init(file: String, body: String) {
        self.file = file
        self.body = body
    }

    mutating func decode(_ tree: SourceValue, diagnostics: inout [Diagnostic]) -> Course? {
        guard var fields = FieldReader(tree, context: "the course", diagnostics: &diagnostics) else { return nil }
        if let idValue = fields.raw("id", required: true) {
            idLocation = idValue.location
            if case .string(let s) = idValue.kind {
                if CourseDecoder.isValidID(s) {
                    id = s
                } else {
                    diagnostics.append(.error("id '\(s)' may hold only lowercase letters, digits and '-' "
                                              + "(for example '\(CourseDecoder.suggestedID(s))')", at: idValue.location))
                }
            } else {
                fields.typeError("id", expected: "a string", idValue)
            }
        }
        let title = fields.string("title", required: true)
        let subject = fields.string("subject") ?? "general"
        let level = fields.choice("level", Level.allCases.map(\.rawValue)).flatMap { Level(rawValue: $0.0) }
        let audience = fields.string("audience")
        let outputs = readOutputs(&fields)
        let priority = readPriority(&fields, diagnostics: &diagnostics)
        for (name, at) in fields.strings("prerequisites") ?? [] {
            prerequisites.append(Reference(id: name, location: at))
        }
        let description = fields.string("description") ?? body
        var source: CourseSource?
        if let value = fields.raw("source", required: true) {
            source = readSource(value, diagnostics: &diagnostics)
        }
        diagnostics += fields.finish()
        if source?.external != nil, let outputs, outputs.contains(where: { $0 != .site }) {
            diagnostics.append(.error("an external course has only its page: remove 'outputs', or make it a course "
                                      + "of its own (kind content, modules or repo)", at: fields.location))
        }
        guard let id, let title, let source else { return nil }
        return Course(id: id, title: title, subject: subject, level: level ?? .beginner, audience: audience,
                      outputs: outputs ?? [.site], priority: priority, prerequisites: prerequisites.map(\.id),
                      source: source, description: description)
    }

    private func readOutputs(_ fields: inout FieldReader) -> [Output]? {
        guard let items = fields.strings("outputs") else { return nil }
        var outputs: [Output] = []
        for (name, at) in items {
            if let output = Output(rawValue: name) { outputs.append(output) } else {
                let names = Output.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
                fields.diagnostics.append(.error("unknown output '\(name)': use \(names.joined(separator: ", "))\(hint)",
                                                 at: at))
            }
        }
        return outputs
    }

    private func readPriority(_ fields: inout FieldReader, diagnostics: inout [Diagnostic]) -> Priority {
        guard let value = fields.raw("priority"),
              var inner = FieldReader(value, context: "priority", diagnostics: &diagnostics) else { return Priority() }
        let enrollment = inner.integer("enrollment")
        var created: String?
        if let raw = inner.raw("created") {
            if case .string(let s) = raw.kind, CourseDecoder.isDate(s) { created = s } else {
                inner.diagnostics.append(.error("'created' must be a date written YYYY-MM-DD", at: raw.location))
            }
        }
        diagnostics += inner.finish()
        return Priority(enrollment: enrollment, created: created)
    }

    private func readSource(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> CourseSource? {
        guard var fields = FieldReader(value, context: "source", diagnostics: &diagnostics) else { return nil }
        defer { diagnostics += fields.finish() }
        switch fields.choice("kind", ["content", "modules", "repo", "external"], required: true)?.0 {
        case "content":
            return .content(chapters: fields.strings("chapters")?.map(\.0))
        case "modules":
            guard let list = fields.raw("modules", required: true) else { return nil }
            guard case .array(let items) = list.kind, !items.isEmpty else {
                fields.typeError("modules", expected: "a non-empty list of modules", list)
                return nil
            }
            var modules: [Module] = []
            for item in items {
                guard var module = FieldReader(item, context: "a module", diagnostics: &diagnostics) else { continue }
                let title = module.string("title", required: true)
                let lectures = module.strings("lectures")?.map(\.0) ?? []
                let summary = module.string("summary")
                let notes = module.string("notes")
                diagnostics += module.finish()
                if let title { modules.append(Module(title: title, lectures: lectures, summary: summary, notes: notes)) }
            }
            return modules.count == items.count ? .modules(modules) : nil
        case "repo":
            let url = fields.string("url", required: true)
            let ref = fields.string("ref") ?? "HEAD"
            let folders = fields.strings("folders")?.map(\.0) ?? ["."]
            let overview = fields.string("overview")
            guard let url else { return nil }
            return .repo(url: url, ref: ref, folders: folders, overview: overview)
        case "external":
            return ExternalSourceReader.read(&fields, diagnostics: &diagnostics).map(CourseSource.external)
        default:
            return nil
        }
    }

    static func isValidID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    static func suggestedID(_ s: String) -> String {
        let mapped = s.lowercased().map { c -> Character in
            isValidID(String(c)) ? c : "-"
        }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }
}
