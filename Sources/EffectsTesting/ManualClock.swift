import Synchronization

/// Monotonic time that moves only when a test or a sleep moves it: a sleep returns at once,
/// having advanced the time and recorded how long it asked for. A Retry-After of two
/// seconds is checked in microseconds.
public final class ManualClock: Sendable {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    public init() {}

    /// Time since the clock was made.
    public func elapsed() -> Duration { state.withLock { $0.now } }

    /// Every sleep asked for, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Sleeps without waiting: advances the time by `duration` and records it.
    public func sleep(_ duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { $0.now += duration; $0.sleeps.append(duration) }
    }

    public func advance(by duration: Duration) { state.withLock { $0.now += duration } }
}
