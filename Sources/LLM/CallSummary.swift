/// The call log summed per model and step: what `scrollbuild report` prints.
public struct CallSummary: Sendable, Equatable {
    public var model: String
    public var step: String
    /// Calls that went to a provider (not cache hits).
    public var calls = 0
    /// Exchanges with the provider, retries included (what the provider counted).
    public var requests = 0
    public var cacheHits = 0
    public var tokensIn = 0
    public var tokensOut = 0
    public var cost = 0.0
    /// Latency of the calls that went to a provider, in milliseconds.
    public var p50 = 0.0
    public var p95 = 0.0
    public var failures = 0

    public init(model: String, step: String) {
        self.model = model
        self.step = step
    }

    /// One row per model and step, sorted by model, then step.
    public static func rows(_ records: [CallRecord]) -> [CallSummary] {
        let groups = Dictionary(grouping: records) { "\($0.model)\u{0}\($0.step)" }
        return groups.keys.sorted().map { name in
            let group = groups[name]!
            var row = CallSummary(model: group[0].model, step: group[0].step)
            var latencies: [Double] = []
            for record in group {
                if record.cacheHit { row.cacheHits += 1; continue }
                row.requests += record.attempts
                row.tokensIn += record.tokensIn
                row.tokensOut += record.tokensOut
                row.cost += record.cost
                if record.attempts > 0 { row.calls += 1; latencies.append(record.latencyMs) }
                if record.outcome == .failed || record.outcome == .invalid { row.failures += 1 }
            }
            latencies.sort()
            row.p50 = percentile(latencies, 0.50)
            row.p95 = percentile(latencies, 0.95)
            return row
        }
    }

    /// The nearest-rank percentile of sorted `values` (0 when empty).
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let rank = Int((p * Double(values.count)).rounded(.up))
        return values[max(0, min(values.count - 1, rank - 1))]
    }
}
