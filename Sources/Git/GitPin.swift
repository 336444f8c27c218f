/// Where a course's `ref` resolved to; what `scrollbuild.lock` records.
public struct GitPin: Sendable, Codable, Equatable, Hashable {
    public enum Kind: String, Sendable, Codable {
        /// A branch, or the remote's HEAD: may move, so asked about in every build.
        case branch
        /// A tag: taken never to move once recorded.
        case tag
        /// A commit id: cannot move.
        case commit

        public var mayMove: Bool { self == .branch }
    }

    /// The repository as the course names it.
    public var url: String
    public var ref: String
    public var kind: Kind
    /// The commit id (40 hex).
    public var commit: String

    public init(url: String, ref: String, kind: Kind, commit: String) {
        self.url = url
        self.ref = ref
        self.kind = kind
        self.commit = commit
    }
}

/// A resolved ref, with a note for the user when the remote could not be asked.
public struct Resolution: Sendable, Equatable {
    public var pin: GitPin
    public var note: String?
}
