/// A key that could not be built, and why. Failures are values: the engine records them,
/// keeps building what does not depend on them (with `keepGoing`), and reports them all at the end.
public struct BuildFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Cause: Sendable, Hashable {
        /// The rule threw; `message` is what it said.
        case ruleFailed
        /// An input failed, so this key was not attempted.
        case dependencyFailed(BuildKey)
        /// The build stopped after an earlier failure (no `keepGoing`) before this key ran.
        case cancelled
    }

    public var key: BuildKey
    public var cause: Cause
    public var message: String

    public init(key: BuildKey, cause: Cause, message: String) {
        self.key = key
        self.cause = cause
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
