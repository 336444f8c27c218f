import Diagnostics

/// Turns one catalog file (JSON, or Markdown with YAML front matter) into a `Course`,
/// with a diagnostic for every problem in it. Pure: text in, values out.
public enum CourseReader {
    /// File extensions the catalog reads; anything else in `catalog/` is ignored.
    public static let extensions = [".md", ".markdown", ".json"]

    /// True for a file name the catalog reads as a course.
    public static func isCourseFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && extensions.contains { name.hasSuffix($0) }
    }

    /// Parses `text`, the contents of `file`. The course is nil when there is any error.
    public static func read(_ text: String, file: String) -> (course: Course?, entry: CatalogEntry) {
        var diagnostics: [Diagnostic] = []
        let top = SourceLocation(file: file, line: 1, column: 1)
        let tree: SourceValue?
        var body = ""
        if file.hasSuffix(".json") {
            let (value, found) = JSONReader.read(text, file: file)
            tree = value
            diagnostics += found
        } else if let matter = FrontMatter(text) {
            let (value, found) = YAMLReader.read(matter.yaml, file: file, lineOffset: 1)
            tree = value
            body = matter.body
            diagnostics += found
        } else {
            tree = nil
            diagnostics.append(.error("a Markdown course file must start with YAML front matter: a line '---', "
                                      + "the fields, and another '---'", at: top))
        }
        guard let tree else {
            return (nil, CatalogEntry(file: file, id: nil, idLocation: top, prerequisites: [], diagnostics: diagnostics))
        }
        var decoder = CourseDecoder(file: file, body: body)
        let course = decoder.decode(tree, diagnostics: &diagnostics)
        let entry = CatalogEntry(file: file, id: decoder.id, idLocation: decoder.idLocation ?? top,
                                 prerequisites: decoder.prerequisites,
                                 packaged: course.map { $0.outputs.contains { $0 != .site } } ?? false,
                                 external: course?.source.external != nil,
                                 diagnostics: diagnostics.sorted())
        return (entry.hasErrors ? nil : course, entry)
    }
}

/// The YAML block at the top of a Markdown file, and the Markdown after it.
struct FrontMatter {
    var yaml: String
    var body: String

    init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first == "---" else { return nil }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { $0 == "---" || $0 == "..." }) else { return nil }
        yaml = lines[..<end].joined(separator: "\n")
        body = lines[(end + 1)...].joined(separator: "\n").trimmingWhitespace()
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
