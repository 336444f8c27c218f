import Foundation

/// The time of day, for progress lines and logs; never for anything that is persisted
/// as a build output (outputs must not depend on when they were built).
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system's clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
