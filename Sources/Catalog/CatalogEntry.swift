import Diagnostics

/// What the catalog needs to know about one course file to check it against the others:
/// its id and prerequisites, where each is written, and the file's own diagnostics.
public struct CatalogEntry: Sendable, Codable, Equatable {
    public var file: String
    /// Nil when the file is too broken to have one.
    public var id: String?
    public var idLocation: SourceLocation
    public var prerequisites: [Reference]
    /// True when the course asks for more than its pages (a book, an EPUB, a deck…).
    public var packaged: Bool
    /// True for a course another site publishes (an `external` source): listed, not built.
    public var external: Bool
    public var diagnostics: [Diagnostic]

    public init(file: String, id: String?, idLocation: SourceLocation, prerequisites: [Reference], packaged: Bool = false,
                external: Bool = false, diagnostics: [Diagnostic]) {
        self.file = file
        self.id = id
        self.idLocation = idLocation
        self.prerequisites = prerequisites
        self.packaged = packaged
        self.external = external
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A course id written somewhere, such as one item of `prerequisites`.
public struct Reference: Sendable, Codable, Equatable {
    public var id: String
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}
