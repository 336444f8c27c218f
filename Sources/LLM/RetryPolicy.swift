import Foundation
import Synchronization

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

/// The API keys of a provider, used in turn: a 429 on one key moves every later call on
/// to the next.
public final class KeyRing: Sendable {
    private let keys: [String]
    private let current = Mutex<Int>(0)

    /// `list` is the environment variable's value: keys separated by commas.
    public init(_ list: String?) {
        keys = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var all: [String] { keys }

    /// The key to use now.
    public func key() -> String? {
        keys.isEmpty ? nil : keys[current.withLock { $0 } % keys.count]
    }

    /// `key` was refused for its rate: move on, unless another caller already did.
    public func rotate(after key: String?) {
        guard keys.count > 1 else { return }
        current.withLock { index in
            if keys[index % keys.count] == key { index = (index + 1) % keys.count }
        }
    }
}
