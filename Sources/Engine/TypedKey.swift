/// A key with a type: a struct whose stored fields are its identity (as SwiftPM's
/// `Query`), and the type of the value computed for it.
///
/// The canonical string (`kind:name`, what the trace, `explain`, `graph`, `--json` and
/// messages show) comes from `name`, and `init?(name:)` reads it back: both live with the
/// key type, so no other code splits key strings.
public protocol TypedKey: Sendable, Hashable, CustomStringConvertible {
    /// What a rule computes for this key; stored as sorted-key JSON (`StoredValue`).
    associatedtype Value: Codable & Sendable
    /// The kind, shared by every key of this type (`page`, `course`); no colon.
    static var kind: String { get }
    /// The fields, written as the part after `kind:`.
    var name: String { get }
    /// The key whose `name` is `name`; nil when `name` is not one this type writes.
    init?(name: String)
    /// The part of the build a failure of this key stops without keep-going (see
    /// `Rule.scope(of:)`); nil stops the whole build.
    var scope: String? { get }
}

extension TypedKey {
    public var scope: String? { nil }

    /// The engine's untyped key.
    public var buildKey: BuildKey { BuildKey(Self.kind, name) }

    public var description: String { buildKey.rawValue }

    /// The typed key of `key`, when it is one of this type.
    public init?(_ key: BuildKey) {
        guard key.kind == Self.kind else { return nil }
        self.init(name: key.name)
    }
}

/// A key that holds nothing but its kind: one node per build (`settings:`, `catalog:`).
public protocol SingletonKey: TypedKey {
    init()
}

extension SingletonKey {
    public var name: String { "" }
    public init?(name: String) {
        guard name.isEmpty else { return nil }
        self.init()
    }
}
