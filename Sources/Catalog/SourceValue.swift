import Diagnostics

/// A parsed JSON or YAML value that remembers where each part came from, so every
/// diagnostic about a field can name its file, line and column.
///
/// Both formats are read into this one tree, and `FieldReader` checks the tree, so the
/// rules (and messages) for a course are the same in JSON and in Markdown front matter.
public struct SourceValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        /// Kept as written (`1200`, `2.5`) so integers stay exact.
        case number(String)
        case bool(Bool)
        case null
        case array([SourceValue])
        /// Keys in file order; a repeated key is reported by the reader.
        case object([Member])
    }

    public struct Member: Sendable, Equatable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: SourceValue

        public init(key: String, keyLocation: SourceLocation, value: SourceValue) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// "a string", "a list", …: how a type is named in messages.
    public var typeName: String {
        switch kind {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "nothing (null)"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }
}
