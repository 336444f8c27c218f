/// How serious a diagnostic is. An `error` makes the command exit non-zero; a `warning` does not.
public enum Severity: String, Sendable, Codable, Hashable {
    case error
    case warning
    case note
}

/// One problem found in the user's input, with where it is and what to do about it.
///
/// Validation collects every diagnostic in a file and returns them all, rather than
/// throwing at the first, so a user fixes a file in one pass.
public struct Diagnostic: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// `path:line:column: error: message`, the form compilers use and editors can jump to.
    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// Sorted by location first, so a list of diagnostics reads in file order.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }
}

extension Diagnostic {
    /// The diagnostic followed by the offending source line and a caret under the column,
    /// as ninja's lexer prints parse errors. `source` is the whole file's text, when known.
    public func rendered(source: String?) -> String {
        guard let source, location.line > 0 else { return description }
        var lineNumber = 1
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if lineNumber == location.line {
                let text = String(line).replacingTabs()
                let caretColumn = max(1, location.column)
                let pad = String(repeating: " ", count: caretColumn - 1)
                return "\(description)\n    \(text)\n    \(pad)^"
            }
            lineNumber += 1
        }
        return description
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
