import Foundation

/// How to compute the value of every key of one kind.
///
/// A rule reads its inputs only through its `RuleContext` (`need`, `read`, `list`), so the
/// engine knows every input and can skip the rule when none has changed. Dependencies are
/// discovered while the rule runs: a rule may decide from one value which others it needs.
///
/// Contract: the value must be a function of the inputs read through the context, the key
/// and `version`. Bump `version` whenever the code changes what the rule produces; every
/// key of that kind then rebuilds once.
public protocol Rule: Sendable {
    /// The key prefix this rule serves, without the colon (`page`, `course`).
    var kind: String { get }
    /// Bumped when the rule's code changes its output.
    var version: Int { get }
    /// Computes the value of `key`. Throwing fails this key and everything that needs it.
    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data
    /// The part of the build a failure of `key` stops (a course's id), or nil for the whole
    /// build. Without keep-going, a failure stops starting new keys of its scope only, so
    /// one broken course never stops the others; a failure of an unscoped key stops all.
    func scope(of key: BuildKey) -> String?
}

extension Rule {
    public func scope(of key: BuildKey) -> String? { nil }
}
