import Effects

/// The up-to-date check of a whole trace against the disk, without running any rule:
/// one linear pass over the entries (they are in dependency order), one `stat` per source
/// file and per product, no file read. A no-op build ends here.
///
/// An entry is up to date when its sources' stats match, its rule version is current,
/// its products are untouched and, for each dependency, the dependency is up to date
/// and did not change after this entry was built. Anything else gets the first reason found;
/// such an entry *may* rebuild (a changed source can turn out to have the same bytes).
public struct TraceCheck: Sendable {
    public let trace: Trace
    /// For each entry of `trace`: nil when up to date, else why it may rebuild.
    public let reasons: [RunReason?]

    public init(trace: Trace, ruleVersions: [Substring: Int], fileSystem: any FileSystem) {
        self.trace = trace
        var reasons: [RunReason?] = []
        reasons.reserveCapacity(trace.entries.count)
        for entry in trace.entries {
            reasons.append(TraceCheck.reason(for: entry, in: trace, reasons: reasons,
                                             ruleVersions: ruleVersions, fileSystem: fileSystem))
        }
        self.reasons = reasons
    }

    /// True when the entry at `index` needs nothing done.
    public func isUpToDate(_ index: Int) -> Bool { reasons[index] == nil }

    private static func reason(for entry: TraceEntry, in trace: Trace, reasons: [RunReason?],
                               ruleVersions: [Substring: Int], fileSystem: any FileSystem) -> RunReason? {
        if entry.key.isSource {
            return entry.key.sourceStat(fileSystem) == entry.stat ? nil : .changedOnDisk
        }
        guard let version = ruleVersions[entry.key.kind] else { return .ruleChanged(from: Int(entry.version), to: 0) }
        if version != Int(entry.version) { return .ruleChanged(from: Int(entry.version), to: version) }
        for d in entry.dependencies {
            let dependency = trace.entries[Int(d)]
            if reasons[Int(d)] != nil || dependency.changed > entry.built {
                return .inputChanged(dependency.key)
            }
        }
        for product in entry.products where fileSystem.stat(product.path) != product.stat {
            return .outputChanged(product.path)
        }
        return nil
    }
}
