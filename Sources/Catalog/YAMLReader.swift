import Diagnostics
import Foundation
import Yams

/// Reads YAML (Markdown front matter, `scrollbuild.yml`) into a `SourceValue` tree.
public enum YAMLReader {
    /// Parses `text` as one YAML document. `lineOffset` is added to every line number, for
    /// front matter that starts below the top of its file.
    public static func read(_ text: String, file: String, lineOffset: Int = 0) -> (SourceValue?, [Diagnostic]) {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return (SourceValue(.object([]), at: SourceLocation(file: file, line: 1 + lineOffset, column: 1)), [])
            }
            var diagnostics: [Diagnostic] = []
            var budget = maxValues
            let value = convert(node, file: file, lineOffset: lineOffset, diagnostics: &diagnostics, budget: &budget)
            if budget < 0 {
                // An alias that expands to an alias that expands … ("billion laughs"): refused
                // before it fills the memory.
                return (nil, [.error("more than \(maxValues) values once its aliases are expanded; "
                                     + "a course file needs far fewer (is an alias repeated on purpose?)",
                                     at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))])
            }
            return (value, diagnostics)
        } catch let error as YamlError {
            return (nil, [syntaxError(error, file: file, lineOffset: lineOffset)])
        } catch {
            return (nil, [.error("YAML syntax error: \(error)", at: SourceLocation(file: file))])
        }
    }

    private static func location(_ mark: Mark?, file: String, lineOffset: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    /// True for a plain scalar the core schema reads as a number: decimal, octal (`0o`),
    /// hexadecimal (`0x`), a float with an optional exponent, `.inf` or `.nan`.
    static func isNumber(_ text: String) -> Bool {
        text.range(of: numberPattern, options: .regularExpression) != nil
    }

    private static let numberPattern =
        #"^([-+]?([0-9]+|[0-9]*\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$"#

    /// Most values one document may hold, aliases expanded.
    public static let maxValues = 200_000

    private static func convert(_ node: Node, file: String, lineOffset: Int,
                                diagnostics: inout [Diagnostic], budget: inout Int) -> SourceValue {
        let at = location(node.mark, file: file, lineOffset: lineOffset)
        budget -= 1
        guard budget >= 0 else { return SourceValue(.null, at: at) }
        switch node {
        case .scalar(let scalar):
            // Only plain (unquoted) scalars are read as null, booleans or numbers.
            guard scalar.style == .plain else { return SourceValue(.string(scalar.string), at: at) }
            if node.null != nil { return SourceValue(.null, at: at) }
            if let bool = node.bool { return SourceValue(.bool(bool), at: at) }
            // Numbers of YAML 1.2's core schema, recognised here: Yams' own integer reading
            // also takes YAML 1.1's base-60 (`1:30`) and traps on one that overflows.
            if YAMLReader.isNumber(scalar.string) { return SourceValue(.number(scalar.string), at: at) }
            return SourceValue(.string(scalar.string), at: at)
        case .sequence(let sequence):
            return SourceValue(.array(sequence.map {
                convert($0, file: file, lineOffset: lineOffset, diagnostics: &diagnostics, budget: &budget)
            }), at: at)
        case .mapping(let mapping):
            var members: [SourceValue.Member] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                let keyAt = location(key.mark, file: file, lineOffset: lineOffset)
                let name = key.string ?? "\(key)"
                if let first = seen[name] {
                    diagnostics.append(.error("'\(name)' is given twice (first at line \(first.line)); keep one", at: keyAt))
                    continue
                }
                seen[name] = keyAt
                members.append(.init(key: name, keyLocation: keyAt,
                                     value: convert(value, file: file, lineOffset: lineOffset, diagnostics: &diagnostics,
                                                    budget: &budget)))
            }
            return SourceValue(.object(members), at: at)
        case .alias:
            return SourceValue(.null, at: at)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let about = context.map { " \($0.text)" } ?? ""
            return .error("YAML syntax error: \(problem)\(about)",
                          at: location(mark, file: file, lineOffset: lineOffset))
        default:
            return .error("YAML syntax error: \(error)", at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
    }
}
