/// The one JSON parser (RFC 8259, strictly) behind catalog files and model answers: every
/// value and key keeps its line, column and byte offset, a repeated key is reported,
/// nesting is bounded, and numbers follow the grammar exactly (no `+1`, `.5`, `01`, `1.`).
/// Each reader turns the tree into its own values (`SourceValue`, `JSONValue`).
public enum JSONSyntax {
    /// How deep arrays and objects may nest; deeper input is an error, never a crash.
    public static let defaultMaxDepth = 128

    /// Parses a whole document.
    /// - Returns: the tree and the keys given twice in one object (the later ones are
    ///   dropped from the tree; `duplicates` says where they were).
    /// - Throws: `JSONSyntaxError` at the first error.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError)
        -> (node: JSONNode, duplicates: [JSONDuplicate]) {
        var cursor = JSONCursor(bytes: bytes, maxDepth: maxDepth)
        cursor.skipSpace()
        let node = try cursor.value(depth: 0)
        cursor.skipSpace()
        guard cursor.offset == bytes.count else { throw cursor.error("unexpected text after the JSON value") }
        return (node, cursor.duplicates)
    }
}

/// Where a value or key starts.
public struct JSONPosition: Sendable, Equatable {
    /// From 1, in lines of the text.
    public var line: Int
    /// From 1, in Unicode scalars of the line.
    public var column: Int
    /// From 0, in bytes.
    public var offset: Int
}

/// A parsed JSON value with the position of every part.
public struct JSONNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        /// As written (`1200`, `-2.5e3`), so integers stay exact.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in file order, each key once.
        case object([Member])
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var keyPosition: JSONPosition
        public var value: JSONNode
    }

    public var kind: Kind
    public var position: JSONPosition
}

/// A key given twice in one object.
public struct JSONDuplicate: Sendable, Equatable {
    public var key: String
    /// Where the key is first given (that member is kept).
    public var first: JSONPosition
    /// Where it is given again (that member is dropped).
    public var again: JSONPosition
}

/// What is wrong, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: JSONPosition
    public var message: String
    public var description: String { message }
}

struct JSONCursor {
    let bytes: [UInt8]
    let maxDepth: Int
    var offset = 0
    var line = 1
    var column = 1
    var duplicates: [JSONDuplicate] = []

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    var here: JSONPosition { JSONPosition(line: line, column: column, offset: offset) }
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(position: here, message: message) }

    mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1  // count scalars, not UTF-8 continuation bytes
        }
    }

    mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { advance() }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard current == c else { throw error(current == nil ? "the text ends where \(what) was expected" : "expected \(what)") }
        advance()
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < maxDepth else { throw error("nested more than \(maxDepth) deep") }
        let at = here
        switch current {
        case UInt8(ascii: "{")?: return JSONNode(kind: .object(try object(depth: depth)), position: at)
        case UInt8(ascii: "[")?: return JSONNode(kind: .array(try array(depth: depth)), position: at)
        case UInt8(ascii: "\"")?: return JSONNode(kind: .string(try string()), position: at)
        case UInt8(ascii: "t")?: try literal("true"); return JSONNode(kind: .bool(true), position: at)
        case UInt8(ascii: "f")?: try literal("false"); return JSONNode(kind: .bool(false), position: at)
        case UInt8(ascii: "n")?: try literal("null"); return JSONNode(kind: .null, position: at)
        case let c? where c == UInt8(ascii: "-") || isDigit(c): return JSONNode(kind: .number(try number()), position: at)
        case nil: throw error("the text ends where a value was expected")
        default: throw error("expected a value (a string, number, object, list, true, false or null)")
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for c in word.utf8 {
            guard current == c else { throw error("expected '\(word)'") }
            advance()
        }
    }

    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, exactly.
    mutating func number() throws(JSONSyntaxError) -> String {
        let start = offset, startPosition = here
        func fail(_ why: String, _ cursor: JSONCursor) -> JSONSyntaxError {
            let text = String(decoding: cursor.bytes[start..<min(cursor.bytes.count, cursor.offset + 1)], as: UTF8.self)
            return JSONSyntaxError(position: startPosition, message: "'\(text)' is not a JSON number: \(why)")
        }
        if current == UInt8(ascii: "-") { advance() }
        guard let first = current, isDigit(first) else { throw fail("a digit must follow '-'", self) }
        advance()
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) { throw fail("no leading zeros", self) }
        while let c = current, isDigit(c) { advance() }
        if current == UInt8(ascii: ".") {
            advance()
            guard let c = current, isDigit(c) else { throw fail("a digit must follow '.'", self) }
            while let c = current, isDigit(c) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let c = current, isDigit(c) else { throw fail("a digit must follow the exponent", self) }
            while let c = current, isDigit(c) { advance() }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        try expect(UInt8(ascii: "\""), "'\"'")
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("the text ends inside a string") }
            if c == UInt8(ascii: "\"") { advance(); break }
            if c < 0x20 { throw error("a control character inside a string must be escaped") }
            if c != UInt8(ascii: "\\") { out.append(c); advance(); continue }
            advance()
            guard let e = current else { throw error("the text ends inside a string") }
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
                if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
                   offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") {
                    advance()
                    advance()
                    let low = try hex4()
                    scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
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

    mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
        try expect(UInt8(ascii: "["), "'['")
        skipSpace()
        var items: [JSONNode] = []
        if current == UInt8(ascii: "]") { advance(); return items }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            if current == UInt8(ascii: ",") { advance(); continue }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return items
        }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> [JSONNode.Member] {
        try expect(UInt8(ascii: "{"), "'{'")
        skipSpace()
        var members: [JSONNode.Member] = []
        var seen: [String: JSONPosition] = [:]
        if current == UInt8(ascii: "}") { advance(); return members }
        while true {
            skipSpace()
            let keyAt = here
            guard current == UInt8(ascii: "\"") else {
                throw error(current == nil ? "the text ends inside an object" : "expected a quoted key")
            }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after a key")
            skipSpace()
            let member = JSONNode.Member(key: key, keyPosition: keyAt, value: try value(depth: depth + 1))
            if let first = seen[key] {
                duplicates.append(JSONDuplicate(key: key, first: first, again: keyAt))
            } else {
                seen[key] = keyAt
                members.append(member)
            }
            skipSpace()
            if current == UInt8(ascii: ",") { advance(); continue }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return members
        }
    }
}
