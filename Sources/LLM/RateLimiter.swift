import Synchronization

/// Requests per minute and tokens per minute for one model.
public struct RateLimits: Sendable, Hashable, Codable {
    public var requestsPerMinute: Int?
    public var tokensPerMinute: Int?

    public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
    }
}

/// Paces calls per model with two token buckets (requests and tokens), and pauses a
/// model when its provider says it has nothing left (`x-ratelimit-remaining-*: 0`).
///
/// A bucket holds half a second of its rate: providers enforce per-minute limits over
/// shorter windows, so a client that bursts a whole minute's allowance is refused.
/// Callers reserve capacity in turn and sleep until their reservation is due, so a
/// waiting call never overtakes an earlier one.
public final class RateLimiter: Sendable {
    private struct Bucket {
        var rate: Double          // per second
        var capacity: Double
        var level: Double
        var updated: Duration

        init(perMinute: Int, now: Duration) {
            rate = Double(perMinute) / 60
            capacity = max(1, rate / 2)
            level = capacity
            updated = now
        }

        /// Lends nothing for `duration` from now: the calls reserved next are spread at the
        /// rate after it, not sent together when it ends (which a provider's own
        /// one-second window would refuse).
        mutating func hold(for duration: Duration, now: Duration) {
            level = min(capacity, level + (now - updated).seconds * rate)
            updated = now
            level = min(level, -duration.seconds * rate)
        }

        /// Takes `amount`, going into debt if need be; returns how long until the debt is paid.
        mutating func take(_ amount: Double, now: Duration) -> Duration {
            level = min(capacity, level + (now - updated).seconds * rate)
            updated = now
            level -= min(amount, capacity)
            return level >= 0 ? .zero : .milliseconds(-level / rate * 1000)
        }
    }

    private struct ModelState {
        var requests: Bucket?
        var tokens: Bucket?
        var pausedUntil: Duration?
    }

    private let state = Mutex<[String: ModelState]>([:])
    /// Monotonic time since some origin: the scheduler's, so a test's manual clock drives both.
    private let elapsed: @Sendable () -> Duration

    public init(elapsed: @escaping @Sendable () -> Duration) {
        self.elapsed = elapsed
    }

    /// How long to wait before sending a call of about `tokens` tokens to `model`;
    /// the capacity is reserved from now.
    public func reserve(model: String, tokens: Int, limits: RateLimits) -> Duration {
        let now = elapsed()
        return state.withLock { models in
            var entry = models[model] ?? ModelState()
            var wait = Duration.zero
            if let rpm = limits.requestsPerMinute, rpm > 0, entry.requests == nil {
                entry.requests = Bucket(perMinute: rpm, now: now)
            }
            if let tpm = limits.tokensPerMinute, tpm > 0, entry.tokens == nil {
                entry.tokens = Bucket(perMinute: tpm, now: now)
            }
            if let paused = entry.pausedUntil, paused > now {
                if entry.requests == nil && entry.tokens == nil {
                    wait = paused - now
                } else {
                    // Through the buckets, so the calls after the pause keep the rate (see `hold`).
                    entry.requests?.hold(for: paused - now, now: now)
                    entry.tokens?.hold(for: paused - now, now: now)
                    entry.pausedUntil = nil
                }
            }
            if entry.requests != nil { wait = max(wait, entry.requests!.take(1, now: now)) }
            if entry.tokens != nil { wait = max(wait, entry.tokens!.take(Double(tokens), now: now)) }
            models[model] = entry
            return wait
        }
    }

    /// Takes in what a reply's headers say: with nothing remaining, the model pauses
    /// until the reported reset.
    public func observe(_ headers: RateLimitHeaders, model: String) {
        let now = elapsed()
        var pause: Duration = .zero
        if headers.remainingRequests == 0, let reset = headers.resetRequests { pause = max(pause, reset) }
        if headers.remainingTokens == 0, let reset = headers.resetTokens { pause = max(pause, reset) }
        guard pause > .zero else { return }
        state.withLock { models in
            var entry = models[model] ?? ModelState()
            entry.pausedUntil = max(entry.pausedUntil ?? now, now + pause)
            models[model] = entry
        }
    }
}
