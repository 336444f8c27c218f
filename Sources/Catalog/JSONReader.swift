import Diagnostics

/// Reads JSON (RFC 8259) into a `SourceValue` tree, keeping the line and column of every
/// value and key. Foundation's parser forgets positions, and a catalog error must say where.
public struct JSONReader {
    private let bytes: [UInt8]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    /// Parses a whole JSON document; on a syntax error returns one diagnostic at the error.
    public static func read(_ text: String, file: String) -> (SourceValue?, [Diagnostic]) {
        var reader = JSONReader(bytes: Array(text.utf8), file: file)
        do {
            reader.skipSpace()
            let value = try reader.value()
            reader.skipSpace()
            if reader.offset < reader.bytes.count { throw reader.error("unexpected text after the JSON value") }
            return (value, reader.duplicates)
        } catch let diagnostic as Diagnostic {
            return (nil, [diagnostic])
        } catch {
            return (nil, [.error("JSON syntax error", at: SourceLocation(file: file))])
        }
    }

    private var duplicates: [Diagnostic] = []

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func error(_ message: String) -> Diagnostic {
        .error("JSON syntax error: \(message)", at: here)
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1  // count scalars, not UTF-8 continuation bytes
        }
    }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { advance() }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws {
        guard current == c else { throw error("expected \(what)") }
        advance()
    }

    private mutating func value() throws -> SourceValue {
        let at = here
        switch current {
        case UInt8(ascii: "{")?: return SourceValue(.object(try object()), at: at)
        case UInt8(ascii: "[")?: return SourceValue(.array(try array()), at: at)
        case UInt8(ascii: "\"")?: return SourceValue(.string(try string()), at: at)
        case UInt8(ascii: "t")?: try literal("true"); return SourceValue(.bool(true), at: at)
        case UInt8(ascii: "f")?: try literal("false"); return SourceValue(.bool(false), at: at)
        case UInt8(ascii: "n")?: try literal("null"); return SourceValue(.null, at: at)
        case let c? where c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39):
            return SourceValue(.number(try number()), at: at)
        case nil: throw error("the file ends where a value was expected")
        default: throw error("expected a value (a string, number, object, list, true, false or null)")
        }
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 {
            guard current == c else { throw error("expected '\(word)'") }
            advance()
        }
    }

    private mutating func number() throws -> String {
        let start = offset
        while let c = current, (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            advance()
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard Double(text) != nil else { throw error("'\(text)' is not a number") }
        return text
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""), "'\"'")
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string") }
            if c == UInt8(ascii: "\"") { advance(); break }
            if c < 0x20 { throw error("a control character inside a string must be escaped") }
            if c != UInt8(ascii: "\\") { out.append(c); advance(); continue }
            advance()
            guard let e = current else { throw error("unterminated string") }
            advance()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    try literal("\\u")
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let d = UInt32(String(Character(Unicode.Scalar(c))), radix: 16) else {
                throw error("expected four hex digits after \\u")
            }
            v = v * 16 + d
            advance()
        }
        return v
    }

    private mutating func array() throws -> [SourceValue] {
        try expect(UInt8(ascii: "["), "'['")
        skipSpace()
        var items: [SourceValue] = []
        if current == UInt8(ascii: "]") { advance(); return items }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            if current == UInt8(ascii: ",") { advance(); continue }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return items
        }
    }

    private mutating func object() throws -> [SourceValue.Member] {
        try expect(UInt8(ascii: "{"), "'{'")
        skipSpace()
        var members: [SourceValue.Member] = []
        var seen: [String: SourceLocation] = [:]
        if current == UInt8(ascii: "}") { advance(); return members }
        while true {
            skipSpace()
            let keyAt = here
            guard current == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after the key")
            skipSpace()
            let item = try value()
            if let first = seen[key] {
                duplicates.append(.error("'\(key)' is given twice (first at line \(first.line)); keep one", at: keyAt))
            } else {
                seen[key] = keyAt
                members.append(.init(key: key, keyLocation: keyAt, value: item))
            }
            skipSpace()
            if current == UInt8(ascii: ",") { advance(); continue }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return members
        }
    }
}

extension Diagnostic: Error {}
