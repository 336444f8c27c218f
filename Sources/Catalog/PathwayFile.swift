import Diagnostics
import Yams

/// Reads and writes `catalog/<id>.pathway.yml`. Reading checks every field and names
/// file:line:column for each problem; writing puts a comment on top that tells the
/// author what they may change.
public enum PathwayFile {
    /// The file name of course `id`'s pathway, in the catalog folder.
    public static func name(for id: String) -> String { id + ".pathway.yml" }

    /// Parses the file. `documents`, when given, are the paths the course's scan found:
    /// a module that draws on any other path is an error at that path's line.
    public static func read(_ text: String, file: String, documents: Set<String>?) -> (Pathway?, [Diagnostic]) {
        let (tree, syntax) = YAMLReader.read(text, file: file)
        var diagnostics = syntax
        guard let tree, var top = FieldReader(tree, context: "the pathway file", diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        _ = top.string("course")
        let chosen = top.string("chosen", required: true)
        let chosenAt = top.members.first { $0.key == "chosen" }?.value.location ?? top.location
        var options: [Pathway.Option] = []
        if let list = top.raw("options", required: true) {
            if case .array(let items) = list.kind, !items.isEmpty {
                for item in items {
                    if let option = readOption(item, documents: documents, diagnostics: &diagnostics) { options.append(option) }
                }
                var seen = Set<String>()
                for (option, item) in zip(options, items) where !seen.insert(option.id).inserted {
                    diagnostics.append(.error("two options have the id '\(option.id)'; give each its own", at: item.location))
                }
            } else {
                top.typeError("options", expected: "a non-empty list of options", list)
            }
        }
        diagnostics += top.finish()
        if let chosen, !options.isEmpty, !options.contains(where: { $0.id == chosen }) {
            let ids = options.map(\.id)
            let hint = Suggestion.closest(to: chosen, in: ids).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(.error("'chosen' is '\(chosen)', but no option has that id (they are: \(ids.joined(separator: ", ")))\(hint)",
                                      at: chosenAt))
        }
        guard let chosen, !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics.sorted()) }
        return (Pathway(chosen: chosen, options: options), diagnostics.sorted())
    }

    private static func readOption(_ value: SourceValue, documents: Set<String>?, diagnostics: inout [Diagnostic]) -> Pathway.Option? {
        guard var fields = FieldReader(value, context: "an option", diagnostics: &diagnostics) else { return nil }
        defer { diagnostics += fields.finish() }
        let id = fields.string("id", required: true)
        let name = fields.string("name") ?? id ?? ""
        let rationale = fields.string("rationale") ?? ""
        var modules: [Pathway.PlannedModule] = []
        var seen = Set<String>()
        if let list = fields.raw("modules", required: true) {
            guard case .array(let items) = list.kind, !items.isEmpty else {
                fields.typeError("modules", expected: "a non-empty list of modules", list)
                return nil
            }
            for item in items {
                guard var module = FieldReader(item, context: "a module", diagnostics: &diagnostics) else { continue }
                let moduleID = module.string("id", required: true)
                let title = module.string("title", required: true)
                let minutes = module.integer("minutes") ?? 30
                let objectives = module.strings("objectives")?.map(\.0) ?? []
                let listed = module.strings("documents") ?? []
                if listed.isEmpty {
                    module.diagnostics.append(.error("a module must list the documents it draws on under 'documents'", at: item.location))
                }
                if let documents {
                    for (path, at) in listed where !documents.contains(path) {
                        let hint = Suggestion.closest(to: path, in: Array(documents)).map { "; did you mean '\($0)'?" } ?? ""
                        module.diagnostics.append(.error("'\(path)' is not among the course's documents at the built commit\(hint) "
                                                         + "(fix the path, or run 'scrollbuild all --replan' to plan anew)", at: at))
                    }
                }
                diagnostics += module.finish()
                guard let moduleID, let title else { continue }
                if !seen.insert(moduleID).inserted {
                    diagnostics.append(.error("two modules of option '\(id ?? "")' have the id '\(moduleID)'", at: item.location))
                }
                modules.append(Pathway.PlannedModule(id: moduleID, title: title, minutes: minutes, objectives: objectives,
                                                     documents: listed.map(\.0)))
            }
        }
        guard let id else { return nil }
        return Pathway.Option(id: id, name: name, rationale: rationale, modules: modules)
    }

    /// The file's text for a freshly planned pathway.
    public static func render(_ pathway: Pathway, course: String) throws -> String {
        struct File: Encodable {
            var course: String
            var chosen: String
            var options: [Pathway.Option]
        }
        let body = try YAMLEncoder().encode(File(course: course, chosen: pathway.chosen, options: pathway.options))
        return """
            # The learning pathway of course '\(course)', planned by scrollbuild from its documents.
            # This file is yours: set 'chosen' to another option's id, or edit an option's modules,
            # and commit it. The build uses it as written and never overwrites it; only
            # 'scrollbuild all --replan' plans new options (keeping your choice if its id remains).

            """ + body
    }
}
