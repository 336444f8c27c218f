/// What one discovery run did, for the summary and `--json`.
public struct ImportReport: Sendable {
    public var provider: String
    /// Courses the provider lists (after `--limit`).
    public var listed = 0
    public var new: [String] = []
    public var changed: [String] = []
    public var unchanged = 0
    /// Entries marked removed (or deleted, with `--prune`) in this run.
    public var removed: [String] = []
    /// Pages that could not be read, and why; each costs its course this run (its entry,
    /// if any, is kept as it was).
    public var failures: [(url: String, reason: String)] = []
    /// Courses imported without some field the provider should have given.
    public var missingFields: [(id: String, fields: [String])] = []
    /// Courses robots.txt keeps the crawler away from.
    public var disallowed: [String] = []
    /// Prerequisite numbers no course in the catalog has, by course.
    public var unknownPrerequisites: [(id: String, numbers: [String])] = []
    /// Courses that require each other.
    public var cycles: [[String]] = []
    /// Courses whose prerequisites text no pattern settled (the model's work).
    public var openPrerequisites: [String] = []
    /// Prerequisite edges in the imported entries.
    public var edges = 0
    /// Texts handed to the model (the detect-prerequisites step).
    public var askedModel = 0
    public var counts = FetchCounts()

    public init(provider: String) {
        self.provider = provider
    }

    public var imported: Int { new.count + changed.count + unchanged }
}

/// How far a run has got, for the progress line.
public struct ImportProgress: Sendable {
    public var done: Int
    public var total: Int
    public var current: String
    public var counts: FetchCounts
    public var failed: Int
}
