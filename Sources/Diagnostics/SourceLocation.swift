/// A place in a source file, as a person would type it into an editor.
///
/// `line` and `column` start at 1; a column counts Unicode scalars, as libyaml does.
/// A location with `line == 0` names the file only (for errors about a whole file).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The path as given to the tool, relative to the project root where possible.
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or just `file` when the line is unknown.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    /// Orders by file, then line, then column, so printed diagnostics read top to bottom.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
