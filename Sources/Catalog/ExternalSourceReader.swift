import Diagnostics

/// Reads an `external` source: the fields `scrollbuild discover` writes (see
/// `ExternalCourse.catalogJSON` in Discovery), as strictly as any other source: an unknown
/// field or a wrong type is an error at its line and column.
enum ExternalSourceReader {
    static func read(_ fields: inout FieldReader, diagnostics: inout [Diagnostic]) -> ExternalLink? {
        let provider = fields.string("provider", required: true)
        let url = fields.string("url", required: true)
        var link = ExternalLink(provider: provider ?? "", url: url ?? "")
        link.courseNumbers = fields.strings("course_numbers")?.map(\.0) ?? []
        link.departments = fields.strings("departments")?.map(\.0) ?? []
        link.levels = fields.strings("levels")?.map(\.0) ?? []
        link.term = fields.string("term")
        link.year = fields.string("year")
        link.topics = fields.strings("topics")?.map(\.0) ?? []
        link.instructors = fields.strings("instructors")?.map(\.0) ?? []
        _ = fields.strings("resource_types")
        link.prerequisitesText = fields.string("prerequisites_text")
        _ = fields.bool("prerequisites_open")
        _ = fields.strings("missing")
        link.removed = fields.bool("removed") ?? false
        link.units = objects(&fields, "units", diagnostics: &diagnostics) { unit in
            let title = unit.string("title", required: true)
            let url = unit.string("url", required: true)
            let description = unit.string("description")
            guard let title, let url else { return nil }
            return ExternalLink.Unit(title: title, url: url, description: description)
        }
        // The relations discovery read in the syllabus: checked, kept in the file for review.
        _ = objects(&fields, "prerequisite_relations", diagnostics: &diagnostics) { relation -> Bool? in
            _ = relation.string("number", required: true)
            _ = relation.choice("relation", ["prerequisite", "corequisite"], required: true)
            _ = relation.number("confidence")
            _ = relation.string("evidence")
            return true
        }
        guard provider != nil, url != nil else { return nil }
        return link
    }

    /// A list of mappings, each read by `item` (nil for one with an error, left out).
    private static func objects<T>(_ fields: inout FieldReader, _ key: String, diagnostics: inout [Diagnostic],
                                   _ item: (inout FieldReader) -> T?) -> [T] {
        guard let list = fields.raw(key) else { return [] }
        guard case .array(let items) = list.kind else {
            fields.typeError(key, expected: "a list of mappings", list)
            return []
        }
        return items.compactMap { value in
            guard var reader = FieldReader(value, context: "an item of '\(key)'", diagnostics: &diagnostics) else { return nil }
            let read = item(&reader)
            diagnostics += reader.finish()
            return read
        }
    }
}
