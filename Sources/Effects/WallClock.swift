import Foundation

/// The time of day, for what must be compared with file times or shown to a person
/// (a file's mtime against "now", the `updated` stamp of progress.json). Never stored in a
/// value the build caches: outputs depend on inputs only.
///
/// For sleeps and timeouts, code takes the standard library's `any Clock<Duration>` instead.
public protocol WallClock: Sendable {
    /// Now, in nanoseconds since the Unix epoch (the unit of `FileStat.mtime`).
    func nanosecondsSinceEpoch() -> Int64
}

extension WallClock {
    /// Now, as a `Date`.
    public func now() -> Date {
        Date(timeIntervalSince1970: Double(nanosecondsSinceEpoch()) / 1e9)
    }
}

/// The system's real-time clock (`CLOCK_REALTIME`, the clock file times are stamped from).
public struct SystemWallClock: WallClock {
    public init() {}

    public func nanosecondsSinceEpoch() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
