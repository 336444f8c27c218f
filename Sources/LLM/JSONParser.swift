import JSONSyntax

/// Model answers read through the one JSON parser (`JSONSyntax`): they are untrusted, so
/// a failure says where and what, nesting is bounded, numbers are strict, and a key given
/// twice is an error (which of two values a model meant cannot be known).
enum JSONParser {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        let parsed: (node: JSONNode, duplicates: [JSONDuplicate])
        do { parsed = try JSONSyntax.parse(bytes) } catch {
            throw Failure(offset: error.position.offset, message: error.message)
        }
        if let duplicate = parsed.duplicates.first {
            throw Failure(offset: duplicate.again.offset, message: "the key '\(duplicate.key)' is given twice in one object")
        }
        return value(parsed.node)
    }

    private static func value(_ node: JSONNode) -> JSONValue {
        switch node.kind {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let text): .number(Double(text) ?? .nan)  // the grammar guarantees a number
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(value))
        case .object(let members): .object(Dictionary(members.map { ($0.key, value($0.value)) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
