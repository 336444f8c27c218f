/// The name of one node in the build graph: a rule kind and that rule's parameters,
/// written `kind:name` (for example `page:swift-basics/01-intro.html`).
///
/// Three built-in kinds exist: `file:<path>` (a file's bytes), `dir:<path>` (a folder's
/// sorted listing; `dir:<path>/*.md|.json` lists only names with those endings) and
/// `always:` (changed in every build, for rules that must look outside, such as whether
/// a git branch moved). Every other kind names a `Rule` given to the `Engine`.
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
    /// A folder's entries whose names end with one of `suffixes`: adding any other file
    /// there leaves this key's value, and whatever listed it, as it was.
    public static func directory(_ path: String, suffixes: [String]) -> BuildKey {
        BuildKey("dir", path + "/*" + suffixes.joined(separator: "|"))
    }
    /// Changed in every build: a rule that asks for it runs every time.
    public static let always = BuildKey("always", "")
    /// A value the build is given from outside the project (a command-line flag, the
    /// environment): changed when the value given differs from the last build's.
    public static func input(_ name: String) -> BuildKey { BuildKey("input", name) }

    /// True for `input:` keys.
    public var isInput: Bool { rawValue.hasPrefix("input:") }

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

    /// True for the built-in `file:`, `dir:`, `always:` and `input:` kinds, whose values come from outside.
    public var isSource: Bool {
        // Most keys are rules' (a no-op build asks this of every trace entry): decide by
        // the first byte before comparing prefixes.
        switch rawValue.utf8.first {
        case UInt8(ascii: "f"): return rawValue.hasPrefix("file:")
        case UInt8(ascii: "d"): return rawValue.hasPrefix("dir:")
        case UInt8(ascii: "a"): return rawValue.hasPrefix("always:")
        case UInt8(ascii: "i"): return isInput
        default: return false
        }
    }

    /// For a `file:` or `dir:` source: the path on disk (a filtered listing's folder).
    public var sourcePath: String {
        let name = self.name
        guard rawValue.hasPrefix("dir:"), let star = name.range(of: "/*", options: .backwards) else { return name }
        return String(name[..<star.lowerBound])
    }

    /// For a filtered `dir:` key: the name endings it keeps; nil keeps every name.
    var listingSuffixes: [String]? {
        let name = self.name
        guard rawValue.hasPrefix("dir:"), let star = name.range(of: "/*", options: .backwards) else { return nil }
        return name[star.upperBound...].split(separator: "|").map(String.init)
    }

    public var description: String { rawValue }

    public static func < (a: BuildKey, b: BuildKey) -> Bool { a.rawValue < b.rawValue }
}
