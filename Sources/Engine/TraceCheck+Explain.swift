extension TraceCheck {
    /// The position of `key` in the trace, if it was ever built.
    public func index(of key: BuildKey) -> Int? {
        trace.entries.firstIndex { $0.key == key }
    }

    /// Why `key` would rebuild, as a chain: the key's own reason, then the reason of the
    /// input it names, and so on down to the source that changed. Empty when up to date;
    /// nil when the key is not in the trace (never built).
    public func explain(_ key: BuildKey) -> [(key: BuildKey, reason: RunReason)]? {
        guard var index = index(of: key) else { return nil }
        var chain: [(key: BuildKey, reason: RunReason)] = []
        while let reason = reasons[index] {
            chain.append((trace.entries[index].key, reason))
            guard case .inputChanged(let input) = reason, let next = self.index(of: input) else { break }
            index = next
        }
        return chain
    }

    /// Every rule key that may rebuild, with why, in trace order.
    public var staleRules: [(key: BuildKey, reason: RunReason)] {
        trace.entries.indices.compactMap { i in
            guard !trace.entries[i].key.isSource, let reason = reasons[i] else { return nil }
            return (trace.entries[i].key, reason)
        }
    }
}
