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
/// memory (nil: in the store, loaded on demand), or why it failed.
struct Outcome: Sendable {
    var digest = ContentHash(words: (0, 0, 0, 0))
    var changed: UInt32 = 0
    var value: Data?
    /// The value decoded (or as a typed rule computed it), once some rule asked for it.
    var decoded: (any Sendable)?
    var failure: BuildFailure?

    init(digest: ContentHash, changed: UInt32, value: Data?, decoded: (any Sendable)? = nil) {
        self.digest = digest
        self.changed = changed
        self.value = value
        self.decoded = decoded
    }

    init(failure: BuildFailure) {
        self.failure = failure
    }

    /// An up-to-date recorded entry.
    init(_ entry: TraceEntry) {
        self.init(digest: entry.digest, changed: entry.changed, value: entry.inlineValue.map { Data($0) })
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
