import Effects

/// The next trace, made from the previous one and this build's fresh entries: every
/// entry after its dependencies, by a depth-first walk from the build's goals.
///
/// An entry whose key failed in this build is dropped, and so is everything recorded as
/// depending on it, so a failure is retried next time; what those entries depend on is
/// kept. Entries the goals no longer reach are kept (`keepUnreached`, for partial builds)
/// or dropped, their products listed in `orphanedProducts` for deletion.
struct TraceAssembly {
    private(set) var entries: [TraceEntry] = []
    /// How many entries the goals reach: `entries.prefix(reached)`.
    private(set) var reached = 0
    /// True when some previous entry is not in `entries`.
    private(set) var hasDropped = false
    /// The keys of the previous trace that this one no longer has.
    private(set) var dropped: [BuildKey] = []
    /// Files written by dropped entries of the previous trace, or by entries that ran again
    /// and no longer write them, and by nothing in this build.
    private(set) var orphanedProducts: [String] = []

    private let previous: [TraceEntry]
    private let oldIndex: [BuildKey: Int32]
    private var fresh: any FreshSource
    /// Keys that failed in this build, with the inputs they asked for before failing.
    private let failed: [BuildKey: [BuildKey]]
    private var oldSlot: [Int32]            // -2 unvisited, -1 dropped, else new index
    private var freshSlot: [BuildKey: Int32] = [:]

    /// `cancelled`: keys the build stopped before attempting; their products stay on disk.
    init(previous: [TraceEntry], oldIndex: [BuildKey: Int32], fresh: any FreshSource, failed: [BuildKey: [BuildKey]],
         cancelled: Set<BuildKey> = [], roots: [BuildKey], keepUnreached: Bool) {
        self.previous = previous
        self.oldIndex = oldIndex
        self.fresh = fresh
        self.failed = failed
        self.oldSlot = [Int32](repeating: -2, count: previous.count)
        entries.reserveCapacity(previous.count + fresh.count)
        for root in roots { _ = visit(root) }
        reached = entries.count
        if keepUnreached {
            for i in previous.indices { _ = visitOld(Int32(i)) }
        }
        let old = previous
        let unvisited = oldSlot.indices.filter { oldSlot[$0] < 0 }
        hasDropped = !unvisited.isEmpty
        dropped = unvisited.map { old[$0].key }
        // Files a task wrote last time and no longer writes now that it ran again.
        var unwritten: [String] = []
        for key in self.fresh.freshKeys {
            guard let index = oldIndex[key], !old[Int(index)].products.isEmpty, let entry = self.fresh.entry(key) else { continue }
            let now = Set(entry.products.map(\.path))
            unwritten += old[Int(index)].products.map(\.path).filter { !now.contains($0) }
        }
        if hasDropped || !unwritten.isEmpty {
            // A product written in this build stays, even when its entry is dropped (it
            // depends on a failure and will be checked again next time).
            var kept = Set(entries.lazy.flatMap { $0.products.map(\.path) })
            for key in self.fresh.freshKeys { kept.formUnion(self.fresh.entry(key)?.products.map(\.path) ?? []) }
            orphanedProducts = (unvisited.filter { !cancelled.contains(old[$0].key) }
                .flatMap { old[$0].products.map(\.path) } + unwritten).filter { !kept.contains($0) }
        }
    }

    private mutating func visit(_ key: BuildKey) -> Int32 {
        if let slot = freshSlot[key] { return slot }
        if let entry = fresh.entry(key) {
            freshSlot[key] = -1  // guards against a cycle; replaced below
            // Every dependency is visited, even after one is missing, so what did build
            // beneath a failure is kept.
            let dependencies = entry.dependencies.map { visit($0) }
            if dependencies.contains(where: { $0 < 0 }) { return markFresh(key, -1) }
            if let old = oldIndex[key] { oldSlot[Int(old)] = Int32(entries.count) }
            entries.append(TraceEntry(key: key, digest: entry.digest, built: entry.built, changed: entry.changed,
                                      version: entry.version, dependencies: dependencies, stat: entry.stat,
                                      inlineValue: entry.inlineValue, products: entry.products))
            return markFresh(key, Int32(entries.count - 1))
        }
        if let inputs = failed[key] {
            // Not recorded itself, but what it asked for before failing may have built.
            freshSlot[key] = -1
            for input in inputs { _ = visit(input) }
            return -1
        }
        guard let old = oldIndex[key] else { return -1 }
        return visitOld(old)
    }

    private mutating func markFresh(_ key: BuildKey, _ slot: Int32) -> Int32 {
        freshSlot[key] = slot
        return slot
    }

    private mutating func visitOld(_ index: Int32) -> Int32 {
        let i = Int(index)
        if oldSlot[i] != -2 { return oldSlot[i] }
        let entry = previous[i]
        if !fresh.isEmpty, fresh.has(entry.key) { return visit(entry.key) }
        if !failed.isEmpty, failed[entry.key] != nil {
            oldSlot[i] = -1
            return visit(entry.key)
        }
        // Most entries keep their place and so their dependencies' indices: then the old
        // array is kept as it is, with no copy (a one-chapter edit keeps 280,000 entries).
        // Every dependency is visited, even after one is dropped, so what it reaches is kept.
        var dependencies = entry.dependencies
        var dropped = false
        for (n, old) in entry.dependencies.enumerated() {
            let slot = visitOld(old)
            if slot < 0 { dropped = true } else if slot != old { dependencies[n] = slot }
        }
        if dropped {
            oldSlot[i] = -1
            return -1
        }
        var copy = entry
        copy.dependencies = dependencies
        entries.append(copy)
        oldSlot[i] = Int32(entries.count - 1)
        return oldSlot[i]
    }
}
