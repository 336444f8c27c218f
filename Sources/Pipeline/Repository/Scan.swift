import Markup

/// A document found by the scan: where it is, its blob, and how to read it.
struct ScannedDocument: Codable, Equatable, Sendable {
    var path: String
    /// The git blob id, or for a plain folder the SHA-256 of the file's bytes.
    var blob: String
    var format: DocumentFormat

    var ref: DocumentRef { DocumentRef(blob: blob, format: format) }
}

/// What `scan:<id>` found. Holds no commit id, so a commit that changes nothing under the
/// course's folders is cut off here.
struct Scan: Codable, Equatable, Sendable {
    var documents: [ScannedDocument]
    var overview: ScannedDocument?
    /// `path: why`, for files of a readable kind that were left out.
    var skipped: [String]

    var paths: Set<String> { Set(documents.map(\.path)) }
}
