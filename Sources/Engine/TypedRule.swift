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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}
