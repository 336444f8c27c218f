import Diagnostics
import JSONSyntax

/// Reads a catalog file's JSON into a `SourceValue` tree through the one JSON parser
/// (`JSONSyntax`), keeping the line and column of every value and key: a catalog error
/// must say where. A syntax error or a repeated key becomes a diagnostic.
public enum JSONReader {
    /// Parses a whole JSON document; on a syntax error returns one diagnostic at the error.
    public static func read(_ text: String, file: String) -> (SourceValue?, [Diagnostic]) {
        do {
            let (node, duplicates) = try JSONSyntax.parse(Array(text.utf8))
            let diagnostics = duplicates.map { duplicate in
                Diagnostic.error("'\(duplicate.key)' is given twice (first at line \(duplicate.first.line)); keep one",
                                 at: location(duplicate.again, file))
            }
            return (value(node, file), diagnostics)
        } catch {
            return (nil, [.error("JSON syntax error: \(error.message)", at: location(error.position, file))])
        }
    }

    private static func location(_ position: JSONPosition, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    private static func value(_ node: JSONNode, _ file: String) -> SourceValue {
        let at = location(node.position, file)
        switch node.kind {
        case .null: return SourceValue(.null, at: at)
        case .bool(let b): return SourceValue(.bool(b), at: at)
        case .number(let n): return SourceValue(.number(n), at: at)
        case .string(let s): return SourceValue(.string(s), at: at)
        case .array(let items): return SourceValue(.array(items.map { value($0, file) }), at: at)
        case .object(let members):
            return SourceValue(.object(members.map {
                SourceValue.Member(key: $0.key, keyLocation: location($0.keyPosition, file), value: value($0.value, file))
            }), at: at)
        }
    }
}
