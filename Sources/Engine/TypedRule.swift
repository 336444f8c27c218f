import Foundation

/// A rule for one key type, computing a typed value: llbuild's Key → Rule → Value, with
/// the types checked by the compiler. The engine still stores and compares bytes (the
/// value's `StoredValue` encoding), so early cutoff works as for any rule; the typed value
/// is kept with the key's outcome, so the rules that need it in this build do not decode it.
public protocol TypedRule: Rule {
    associatedtype Key: TypedKey
    /// Computes the value of `key`. Throwing fails this key and everything that needs it.
    func compute(_ key: Key, in context: RuleContext) async throws -> Key.Value
}

extension TypedRule {
    public var kind: String { Key.kind }

    public func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        guard let typed = Key(key) else { throw UnknownKey(key: key) }
        let value = try await compute(typed, in: context)
        context.produced(value)
        return try StoredValue.encode(value)
    }

    public func scope(of key: BuildKey) -> String? { Key(key)?.scope }
}

/// A key string that no key type reads (a hand-typed target, an old trace's key).
public struct UnknownKey: Error, Sendable, CustomStringConvertible {
    public var key: BuildKey
    public var description: String { "'\(key)' names no node of the build" }
}

/// How typed values are stored: JSON with sorted keys and unescaped slashes, so equal
/// values are equal bytes, which early cutoff compares.
public enum StoredValue {
    public static func encode(_ value: some Encodable) throws -> Data {
        // Most values of a large build are strings (a page's digest, a chapter's title): a
        // JSONEncoder per value costs more than the rest of such a task's bookkeeping.
        if let text = value as? String { return Data(quoted(text).utf8) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// `text` as a JSON string, as JSONEncoder writes it with `.withoutEscapingSlashes`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
