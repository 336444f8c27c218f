import Effects
import Synchronization

/// A wall clock that moves only when a test moves it, so a test can say "the build read
/// this file a minute after it was written" without waiting a minute.
public final class ManualWallClock: WallClock {
    private let nanoseconds: Mutex<Int64>
    private let step: Int64

    /// Starts at `nanosecondsSinceEpoch` (default: 2026-01-01T00:00:00Z). With a `step`,
    /// every reading moves the clock on by it, so time passes as the code under test works.
    public init(nanosecondsSinceEpoch: Int64 = 1_767_225_600_000_000_000, step: Duration = .zero) {
        nanoseconds = Mutex(nanosecondsSinceEpoch)
        let (seconds, attoseconds) = step.components
        self.step = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    public func nanosecondsSinceEpoch() -> Int64 {
        nanoseconds.withLock { now in
            defer { now += step }
            return now
        }
    }

    /// Moves the clock forward (or back, with a negative amount).
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        nanoseconds.withLock { $0 += seconds * 1_000_000_000 + attoseconds / 1_000_000_000 }
    }

    /// Sets the clock.
    public func set(nanosecondsSinceEpoch value: Int64) { nanoseconds.withLock { $0 = value } }
}
