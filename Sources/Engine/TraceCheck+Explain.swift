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

extension TraceCheck {
    /// The rules the next build will run, at most, and which of them run for certain.
    public struct Outlook: Sendable {
        /// Will run: never built, rule changed, an output touched, a value lost, a source
        /// they read changed its content, or an input that will run.
        public var willRun: [(key: BuildKey, reason: RunReason)] = []
        /// Among `willRun`, those that run only if an input's value comes out changed:
        /// they may stop early (and so may their dependents).
        public var mayStopEarly: Set<BuildKey> = []
    }

    /// What the next build will run. `contentChanged` says whether a source whose stat
    /// changed (by its index) also changed its content: one whose content is the same
    /// runs nothing, as the build will find when it hashes it.
    public func outlook(contentChanged: (Int) -> Bool) -> Outlook {
        let entries = trace.entries
        var runs = [Bool](repeating: false, count: entries.count)
        var outlook = Outlook()
        for i in entries.indices {
            guard let reason = reasons[i] else { continue }
            if entries[i].key.isSource {
                runs[i] = entries[i].key.isInput || contentChanged(i)
                continue
            }
            var certain = true
            if case .inputChanged = reason {
                // Certain when an input already changed after this rule ran, or a source it
                // reads changed its content; possible when an input rule will run.
                var possible = false
                certain = false
                for d in entries[i].dependencies.map(Int.init) {
                    if reasons[d] == nil {
                        if entries[d].changed > entries[i].built { certain = true }
                    } else if runs[d] {
                        if entries[d].key.isSource { certain = true } else { possible = true }
                    }
                }
                guard certain || possible else { continue }  // only sources with the same content
            }
            runs[i] = true
            outlook.willRun.append((entries[i].key, reason))
            if !certain { outlook.mayStopEarly.insert(entries[i].key) }
        }
        return outlook
    }
}
