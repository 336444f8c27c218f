/// The name of one node in the build graph: a rule kind and that rule's parameters,
/// written `kind:name` (for example `page:swift-basics/01-intro.html`).
///
/// Two built-in kinds exist: `file:<path>` (a file's bytes) and `dir:<path>` (a folder's
/// sorted listing). Every other kind names a `Rule` given to the `Engine`.
public struct BuildKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `kind:name`; the kind never holds a colon, the name may.
    public let rawValue: String

    public init(_ kind: String, _ name: String) {
        rawValue = kind + ":" + name
    }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static func file(_ path: String) -> BuildKey { BuildKey("file", path) }
    public static func directory(_ path: String) -> BuildKey { BuildKey("dir", path) }

    /// The part before the first colon.
    public var kind: Substring {
        guard let colon = rawValue.firstIndex(of: ":") else { return rawValue[...] }
        return rawValue[..<colon]
    }

    /// The part after the first colon.
    public var name: String {
        guard let colon = rawValue.firstIndex(of: ":") else { return "" }
        return String(rawValue[rawValue.index(after: colon)...])
    }

    /// True for the built-in `file:` and `dir:` kinds, whose values come from the disk.
    public var isSource: Bool {
        rawValue.hasPrefix("file:") || rawValue.hasPrefix("dir:")
    }

    public var description: String { rawValue }

    public static func < (a: BuildKey, b: BuildKey) -> Bool { a.rawValue < b.rawValue }
}
