/// Finds the previous trace's entries by key.
///
/// A no-op build looks up a handful of keys (the goals), while a dictionary of every key
/// (280,000 for 10,000 courses) costs more to build and to free than the rest of that
/// build. So the first lookups scan the entries, and the dictionary is built on the 33rd,
/// or at once when something may rebuild (assembling the next trace needs it anyway).
struct TraceIndex {
    private let keys: [BuildKey]
    private var table: [BuildKey: Int32]?
    private var scans = 0

    init(_ trace: Trace) {
        keys = trace.entries.map(\.key)
    }

    mutating func index(of key: BuildKey) -> Int32? {
        if let table { return table[key] }
        scans += 1
        if scans <= 32 {
            // Goals finish last, so they are near the end: scan backwards.
            return keys.lastIndex(of: key).map(Int32.init)
        }
        return dictionary()[key]
    }

    /// Every key's position.
    mutating func dictionary() -> [BuildKey: Int32] {
        if let table { return table }
        var built: [BuildKey: Int32] = [:]
        built.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() { built[key] = Int32(i) }
        table = built
        return built
    }
}
