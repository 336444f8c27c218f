import Foundation

/// How a failed exchange is retried: exponential backoff with full jitter (a random
/// wait between zero and `base · 2^attempt`, capped), for a bounded number of attempts.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Exchanges per call, the first included.
    public var attempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(attempts: Int = 6, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 0); `random` is in [0, 1).
    public func delay(after attempt: Int, random: Double) -> Duration {
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * Double(1 << min(attempt, 30)))
        return .milliseconds(ceiling * random * 1000)
    }
}
