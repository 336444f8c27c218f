/// A key that could not be built, and why. Failures are values: the engine records them,
/// keeps building what does not depend on them, and reports them all at the end.
///
/// `underlying` keeps the error the rule threw, so a caller can tell kinds of failure
/// apart by type (a budget stop, a call deferred to a batch), never by message text.
public struct BuildFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Cause: Sendable, Hashable {
        /// The rule threw (`underlying`); `message` is what it said.
        case ruleFailed
        /// An input failed, so this key was not attempted.
        case dependencyFailed(BuildKey)
        /// The build stopped after an earlier failure (no `keepGoing`) before this key ran.
        case cancelled
    }

    public var key: BuildKey
    public var cause: Cause
    public var message: String
    /// The error the rule (or the file system, for a source) threw; nil for the other causes.
    /// Not part of equality: two failures of one key for one reason are the same failure.
    public var underlying: (any Error)?

    public init(key: BuildKey, cause: Cause, message: String, underlying: (any Error)? = nil) {
        self.key = key
        self.cause = cause
        self.message = message
        self.underlying = underlying
    }

    /// A rule's (or a source's) own failure, keeping the error it threw.
    public init(key: BuildKey, thrown error: any Error) {
        self.init(key: key, cause: .ruleFailed, message: "\(error)", underlying: error)
    }

    public var description: String { "\(key): \(message)" }

    public static func == (a: BuildFailure, b: BuildFailure) -> Bool {
        a.key == b.key && a.cause == b.cause && a.message == b.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(cause)
        hasher.combine(message)
    }
}
