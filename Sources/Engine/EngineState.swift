import Effects
import Foundation
import Store

/// One finished key of `values(of:)`.
struct Answer: Sendable {
    var index: Int
    var result: Swift.Result<Value, BuildFailure>
}

/// Where a key stands in the current build.
enum NodeState {
    case running([CheckedContinuation<Outcome, Never>])
    case done(Outcome)
}

/// A key's result in this build: its digest and `changed` step, its value when it is in
/// memory (nil: in the store or the trace, loaded on demand), or why it failed.
///
/// Kept small (48 bytes): a build of 10,000 courses holds a few hundred thousand of them,
/// and most no longer hold a value (see `HeldValues`). A value, its decoded form and a
/// failure live in one shared box beside.
struct Outcome: Sendable {
    var digest = ContentHash(words: (0, 0, 0, 0))
    var changed: UInt32 = 0
    private var extra: OutcomeExtra?

    /// The value's bytes, while they are held in memory.
    var value: Data? {
        get { extra?.value }
        set { extra = OutcomeExtra.make(value: newValue, decoded: decoded, failure: failure) }
    }
    /// The value decoded (or as a typed rule computed it), once some rule asked for it.
    var decoded: (any Sendable)? {
        get { extra?.decoded }
        set { extra = OutcomeExtra.make(value: value, decoded: newValue, failure: failure) }
    }
    var failure: BuildFailure? {
        get { extra?.failure }
        set { extra = OutcomeExtra.make(value: value, decoded: decoded, failure: newValue) }
    }

    init(digest: ContentHash, changed: UInt32, value: Data?, decoded: (any Sendable)? = nil) {
        self.digest = digest
        self.changed = changed
        self.extra = OutcomeExtra.make(value: value, decoded: decoded, failure: nil)
    }

    init(failure: BuildFailure) {
        self.extra = OutcomeExtra.make(value: nil, decoded: nil, failure: failure)
    }

    /// An up-to-date recorded entry. Its value, if small, stays in the trace until a rule
    /// asks for it (`Engine.recordedInline`): most are never asked for in a no-op build.
    init(_ entry: TraceEntry) {
        self.init(digest: entry.digest, changed: entry.changed, value: nil)
    }
}

/// The parts of an `Outcome` most keys do not have, or no longer.
final class OutcomeExtra: Sendable {
    let value: Data?
    let decoded: (any Sendable)?
    let failure: BuildFailure?

    private init(value: Data?, decoded: (any Sendable)?, failure: BuildFailure?) {
        self.value = value
        self.decoded = decoded
        self.failure = failure
    }

    static func make(value: Data?, decoded: (any Sendable)?, failure: BuildFailure?) -> OutcomeExtra? {
        value == nil && decoded == nil && failure == nil ? nil : OutcomeExtra(value: value, decoded: decoded, failure: failure)
    }
}

/// A trace entry made in this build, dependencies still by key.
struct FreshEntry: Sendable {
    var digest: ContentHash
    var built: UInt32
    var changed: UInt32
    var version: Int32
    var dependencies: [BuildKey]
    var stat: FileStat?
    var inlineValue: [UInt8]?
    var products: [Product]
}
