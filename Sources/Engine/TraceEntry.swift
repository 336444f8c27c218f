import Effects
import Store

/// What the engine remembers about one key from the last build that touched it
/// (Shake's trace, with its two step numbers).
///
/// `built` is the step (build number) in which the value was last computed or verified
/// against changed inputs; `changed` is the step in which the value last became
/// different. A key is up to date when every dependency's `changed` ≤ its own `built`:
/// that is how early cutoff works without comparing digests edge by edge.
public struct TraceEntry: Sendable, Equatable {
    public var key: BuildKey
    /// SHA-256 of the value.
    public var digest: ContentHash
    public var built: UInt32
    public var changed: UInt32
    /// For rules: the rule version that produced the value. Unused for sources.
    public var version: Int32
    /// Dependencies, in the order the rule asked for them, as indices into the trace.
    public var dependencies: [Int32]
    /// For `file:` and `dir:` sources: the stat seen when the digest was taken, or nil
    /// when nothing existed at the path.
    public var stat: FileStat?
    /// Values up to `Trace.inlineLimit` bytes live here, not in the store.
    public var inlineValue: [UInt8]?
    /// Files the rule wrote, with their stat after writing.
    public var products: [Product]

    public init(key: BuildKey, digest: ContentHash, built: UInt32, changed: UInt32, version: Int32,
                dependencies: [Int32], stat: FileStat?, inlineValue: [UInt8]?, products: [Product]) {
        self.key = key
        self.digest = digest
        self.built = built
        self.changed = changed
        self.version = version
        self.dependencies = dependencies
        self.stat = stat
        self.inlineValue = inlineValue
        self.products = products
    }
}

/// A file written by a rule, and the stat it had right after: a different stat later
/// means someone else changed or deleted it, and the rule runs again.
public struct Product: Sendable, Equatable {
    public var path: String
    public var stat: FileStat

    public init(path: String, stat: FileStat) {
        self.path = path
        self.stat = stat
    }
}
