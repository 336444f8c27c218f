import Effects

/// The next trace, made from the previous one and this build's fresh entries: every
/// entry after its dependencies, by a depth-first walk from the build's goals.
///
/// An entry whose key failed in this build is dropped, and so is everything recorded as
/// depending on it, so a failure is retried next time; what those entries depend on is
/// kept. Entries the goals no longer reach are kept (`keepUnreached`, for partial builds)
/// or dropped, their products listed in `orphanedProducts` for deletion.
///
/// The walk only decides each entry's place (`order`); the entries themselves are made
/// one at a time as they are written (`forEachEntry`), so the trace of 10,000 courses is
/// never whole in memory at the end of the build that writes it.
struct TraceAssembly {
    /// Where an entry of the next trace comes from.
    enum Source {
        case old(Int32)
        case fresh(BuildKey)
    }

    /// The next trace's entries, in order.
    private(set) var order: [Source] = []
    /// How many entries the goals reach: `order.prefix(reached)`.
    private(set) var reached = 0
    /// True when some previous entry is not in the next trace.
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
    /// A fresh key's new index (-1 dropped), by its row in `fresh` (`unvisited` before the
    /// walk reaches it); keys the source does not number (a journal replayed as the trace
    /// loads) in `otherSlot`. An array, not a
    /// dictionary of keys: at 140,000 fresh entries, 0.5 MB rather than 5 at the build's peak.
    private var rowSlot: [Int32]
    private var otherSlot: [BuildKey: Int32] = [:]
    private static let unvisited = Int32.min

    /// `cancelled`: keys the build stopped before attempting; their products stay on disk.
    init(previous: [TraceEntry], oldIndex: [BuildKey: Int32], fresh: any FreshSource, failed: [BuildKey: [BuildKey]],
         cancelled: Set<BuildKey> = [], roots: [BuildKey], keepUnreached: Bool) {
        self.previous = previous
        self.oldIndex = oldIndex
        self.fresh = fresh
        self.failed = failed
        self.oldSlot = [Int32](repeating: -2, count: previous.count)
        self.rowSlot = [Int32](repeating: Self.unvisited, count: fresh.rowCount)
        order.reserveCapacity(previous.count + fresh.count)
        for root in roots { _ = visit(root) }
        reached = order.count
        if keepUnreached {
            for i in previous.indices { _ = visitOld(Int32(i)) }
        }
        let old = previous
        let unvisited = oldSlot.indices.filter { oldSlot[$0] < 0 }
        hasDropped = !unvisited.isEmpty
        dropped = unvisited.map { old[$0].key }
        // Files a task wrote last time and no longer writes now that it ran again.
        var unwritten: [String] = []
        for key in oldIndex.isEmpty ? [] : self.fresh.freshKeys {
            guard let index = oldIndex[key], !old[Int(index)].products.isEmpty, let entry = self.fresh.entry(key) else { continue }
            let now = Set(entry.products.map(\.path))
            unwritten += old[Int(index)].products.map(\.path).filter { !now.contains($0) }
        }
        if hasDropped || !unwritten.isEmpty {
            // A product written in this build stays, even when its entry is dropped (it
            // depends on a failure and will be checked again next time).
            var kept = Set<String>()
            for case .old(let i) in order { kept.formUnion(old[Int(i)].products.map(\.path)) }
            for key in self.fresh.freshKeys { kept.formUnion(self.fresh.entry(key)?.products.map(\.path) ?? []) }
            orphanedProducts = (unvisited.filter { !cancelled.contains(old[$0].key) }
                .flatMap { old[$0].products.map(\.path) } + unwritten).filter { !kept.contains($0) }
        }
    }

    /// The key of the `n`th entry of the next trace.
    func key(at n: Int) -> BuildKey {
        switch order[n] {
        case .old(let i): return previous[Int(i)].key
        case .fresh(let key): return key
        }
    }

    /// A fresh entry that could be read back during the walk and no longer can (the disk failed).
    struct Unreadable: Error, CustomStringConvertible {
        var key: BuildKey
        var description: String { "the journal's record of \(key) can no longer be read" }
    }

    /// Makes the next trace's entries, in order, one at a time (a fresh one is read back
    /// from the journal again).
    mutating func forEachEntry(_ body: (TraceEntry) throws -> Void) throws {
        for source in order {
            switch source {
            case .old(let i):
                let entry = previous[Int(i)]
                // Most entries keep their place and so their dependencies' indices: then the
                // old entry is used as it is, with no copy (a one-chapter edit keeps 280,000).
                guard entry.dependencies.contains(where: { oldSlot[Int($0)] != $0 }) else { try body(entry); continue }
                var copy = entry
                copy.dependencies = entry.dependencies.map { oldSlot[Int($0)] }
                try body(copy)
            case .fresh(let key):
                guard let e = fresh.entry(key) else { throw Unreadable(key: key) }
                let dependencies = e.dependencies.map { slot(of: $0) }
                try body(TraceEntry(key: key, digest: e.digest, built: e.built, changed: e.changed, version: e.version,
                                    dependencies: dependencies, stat: e.stat, inlineValue: e.inlineValue, products: e.products))
            }
        }
    }

    /// Every entry of the next trace, in memory (for a journal applied as a trace is loaded).
    /// Entries whose records cannot be read back are left out (with what depends on them).
    mutating func entries() -> [TraceEntry] {
        var all: [TraceEntry] = []
        all.reserveCapacity(order.count)
        do { try forEachEntry { all.append($0) } } catch { return [] }
        return all
    }

    /// A kept dependency's place in the next trace.
    private func slot(of key: BuildKey) -> Int32 {
        if let slot = visited(key) { return slot }
        if let old = oldIndex[key] { return oldSlot[Int(old)] }
        return -1
    }

    /// The slot the walk gave `key` as a fresh or failed key; nil when it has not been there.
    private func visited(_ key: BuildKey) -> Int32? {
        if let row = fresh.row(of: key) {
            let slot = rowSlot[row]
            return slot == Self.unvisited ? nil : slot
        }
        return otherSlot.isEmpty ? nil : otherSlot[key]
    }

    private mutating func visit(_ key: BuildKey) -> Int32 {
        if let slot = visited(key) { return slot }
        if fresh.has(key) {
            // A record that cannot be read back is left out, so its task runs again.
            guard let entry = fresh.entry(key) else { return markFresh(key, -1) }
            _ = markFresh(key, -1)  // guards against a cycle; replaced below
            // Every dependency is visited, even after one is missing, so what did build
            // beneath a failure is kept.
            var missing = false
            for dependency in entry.dependencies where visit(dependency) < 0 { missing = true }
            if missing { return markFresh(key, -1) }
            if let old = oldIndex[key] { oldSlot[Int(old)] = Int32(order.count) }
            order.append(.fresh(key))
            return markFresh(key, Int32(order.count - 1))
        }
        if let inputs = failed[key] {
            // Not recorded itself, but what it asked for before failing may have built.
            _ = markFresh(key, -1)
            for input in inputs { _ = visit(input) }
            return -1
        }
        guard let old = oldIndex[key] else { return -1 }
        return visitOld(old)
    }

    private mutating func markFresh(_ key: BuildKey, _ slot: Int32) -> Int32 {
        if let row = fresh.row(of: key) { rowSlot[row] = slot } else { otherSlot[key] = slot }
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
        // Every dependency is visited, even after one is dropped, so what it reaches is kept.
        var dropped = false
        for old in entry.dependencies where visitOld(old) < 0 { dropped = true }
        if dropped {
            oldSlot[i] = -1
            return -1
        }
        order.append(.old(index))
        oldSlot[i] = Int32(order.count - 1)
        return oldSlot[i]
    }
}
