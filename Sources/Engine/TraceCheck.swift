import Dispatch
import Effects

/// The up-to-date check of a whole trace against the disk, without running any rule:
/// one `stat` per source file and per product (spread over the cores, since that is most
/// of a no-op build), then one linear pass over the entries, which are in dependency
/// order. No file is read. A no-op build ends here.
///
/// An entry is up to date when its sources' stats match, its rule version is current,
/// its products are untouched and, for each dependency, the dependency is up to date
/// and did not change after this entry was built. Anything else gets the first reason found;
/// such an entry *may* rebuild (a changed source can turn out to have the same bytes).
public struct TraceCheck: Sendable {
    public let trace: Trace
    /// For each entry of `trace`: nil when up to date, else why it may rebuild.
    public let reasons: [RunReason?]

    /// - Parameter inputs: the values of this build's `input:` keys (a key missing here has
    ///   an empty value).
    public init(trace: Trace, ruleVersions: [Substring: Int], inputs: BuildInputs, fileSystem: any FileSystem) {
        self.trace = trace
        let stats = TraceCheck.statEverything(trace, fileSystem: fileSystem)
        var reasons: [RunReason?] = []
        reasons.reserveCapacity(trace.entries.count)
        var cursor = 0
        for i in trace.entries.indices {
            reasons.append(TraceCheck.reason(for: i, in: trace, reasons: reasons, ruleVersions: ruleVersions,
                                             inputs: inputs, stats: stats, cursor: &cursor))
        }
        self.reasons = reasons
    }

    /// True when the entry at `index` needs nothing done.
    public func isUpToDate(_ index: Int) -> Bool { reasons[index] == nil }

    /// How many entries (and how many of them rules) `roots` reach through dependencies.
    public func reach(from roots: [Int]) -> (all: Int, rules: Int) {
        var seen = [Bool](repeating: false, count: trace.entries.count)
        var stack = roots, all = 0, rules = 0
        while let i = stack.popLast() {
            if seen[i] { continue }
            seen[i] = true
            all += 1
            if !trace.entries[i].key.isSource { rules += 1 }
            for d in trace.entries[i].dependencies where !seen[Int(d)] { stack.append(Int(d)) }
        }
        return (all, rules)
    }

    /// The stat of every source and every product, in trace order (a source's own stat,
    /// then its products'), taken concurrently.
    private static func statEverything(_ trace: Trace, fileSystem: any FileSystem) -> [FileStat?] {
        var targets: [(key: BuildKey?, path: String)] = []
        for entry in trace.entries {
            if entry.key.isSource { targets.append((entry.key, "")) }
            for product in entry.products { targets.append((nil, product.path)) }
        }
        let targetList = targets
        var stats = [FileStat?](repeating: nil, count: targets.count)
        let chunk = 4096
        stats.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            // Each iteration writes its own slice of the buffer, so no two threads share an element.
            DispatchQueue.concurrentPerform(iterations: (targetList.count + chunk - 1) / chunk) { c in
                for i in c * chunk..<min(targetList.count, (c + 1) * chunk) {
                    let target = targetList[i]
                    out[i] = target.key.map { $0.sourceStat(fileSystem) } ?? fileSystem.stat(target.path)
                }
            }
        }
        return stats
    }

    /// Reads the entries in place (280,000 of them at 10,000 courses): copying each one,
    /// and each dependency, retained and released every field.
    private static func reason(for index: Int, in trace: Trace, reasons: [RunReason?],
                               ruleVersions: [Substring: Int], inputs: BuildInputs, stats: [FileStat?],
                               cursor: inout Int) -> RunReason? {
        let entries = trace.entries
        let isSource = entries[index].key.isSource
        let products = entries[index].products
        let ownStat = isSource ? stats[cursor] : nil
        if isSource { cursor += 1 }
        let productStats = stats[cursor..<cursor + products.count]
        cursor += products.count
        if isSource {
            if entries[index].key.isInput {
                return inputs.digest(of: entries[index].key) == entries[index].digest ? nil : .changedOnDisk
            }
            return ownStat == entries[index].stat ? nil : .changedOnDisk
        }
        let recorded = Int(entries[index].version)
        guard let version = ruleVersions[entries[index].key.kind] else { return .ruleChanged(from: recorded, to: 0) }
        if version != recorded { return .ruleChanged(from: recorded, to: version) }
        let built = entries[index].built
        for d in entries[index].dependencies {
            let dependency = Int(d)
            if reasons[dependency] != nil || entries[dependency].changed > built {
                return .inputChanged(entries[dependency].key)
            }
        }
        for (product, stat) in zip(products, productStats) where stat != product.stat {
            return .outputChanged(product.path)
        }
        return nil
    }
}
