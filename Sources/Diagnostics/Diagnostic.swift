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
    /// True for a diagnostic whose source line must not be shown (it holds a secret).
    public var hidesSource: Bool?

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
        rendered(in: source.map(SourceLines.init))
    }

    /// The diagnostic with its source line and a caret; a long line is shown as a window
    /// around the column. Rendering many diagnostics of one file costs one split of it.
    public func rendered(in lines: SourceLines?) -> String {
        guard hidesSource != true, let lines, let line = lines.line(location.line) else { return description }
        let raw = String(line).replacingTabs()
        // A URL's credentials are never shown, on either side of the caret.
        let head = URLCredentials.redact(String(raw.prefix(max(0, location.column - 1))))
        let text = head + URLCredentials.redact(String(raw.dropFirst(max(0, location.column - 1))))
        let column = max(1, min(head.count + 1, text.count + 1))
        let window = SourceLines.window
        guard text.count > window else {
            return "\(description)\n    \(text)\n    \(String(repeating: " ", count: column - 1))^"
        }
        let start = max(0, min(column - 1 - window / 2, text.count - window))
        let from = text.index(text.startIndex, offsetBy: start)
        let excerpt = (start > 0 ? "…" : "") + text[from...].prefix(window) + (start + window < text.count ? "…" : "")
        let caret = column - 1 - start + (start > 0 ? 1 : 0)
        return "\(description)\n    \(excerpt)\n    \(String(repeating: " ", count: caret))^"
    }
}

/// A source text split into lines once, for rendering any number of its diagnostics.
public struct SourceLines: Sendable {
    /// Characters of a line shown around a diagnostic's column.
    public static let window = 120
    private let lines: [Substring]

    public init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Line `number` (from 1), if the text has it.
    public func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
