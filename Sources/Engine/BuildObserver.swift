/// Told what the engine does, as it does it: the progress line and the build log listen here.
///
/// Called from many tasks at once; implementations synchronise themselves.
public protocol BuildObserver: Sendable {
    /// A rule is about to run for `key`, for `reason`.
    func started(_ key: BuildKey, reason: RunReason)
    /// The rule for `key` finished: with `cutOff`, its value equals the previous one, so
    /// nothing that depends on it has to run.
    func finished(_ key: BuildKey, cutOff: Bool)
    /// The rule for `key` failed.
    func failed(_ failure: BuildFailure)
    /// The rule for `key` started but stopped because an input failed (that failure was
    /// reported on its own): it neither finished nor failed itself.
    func abandoned(_ key: BuildKey)
    /// Something the user should know that does not fail the build.
    func warning(_ message: String)
}

extension BuildObserver {
    public func abandoned(_ key: BuildKey) {}
}

/// What one build did, counted. Tests assert on these numbers; `--json` prints them.
public struct BuildSummary: Sendable, Equatable {
    /// Rules that ran (including those cut off).
    public var tasksRun = 0
    /// Rules needed by this build whose recorded value was up to date.
    public var tasksCached = 0
    /// Rules that ran and produced the same value as before, so their dependents did not run.
    public var tasksCutOff = 0
    /// Rules that threw.
    public var tasksFailed = 0
    /// Rules not attempted because an input failed or the build stopped.
    public var tasksSkipped = 0
    /// Every rule that ran, with why, in the order they started.
    public var ran: [BuildKey: RunReason] = [:]
    /// Every failure, sorted by key.
    public var failures: [BuildFailure] = []
    /// Keys of the last build that this build's trace no longer has (a deleted chapter's
    /// page): what the command line forgets the warnings of.
    public var dropped: [BuildKey] = []

    public init() {}
}
