import Foundation

/// A cache shared between machines (the CI jobs of one team), consulted after the local
/// store: values by key, where a key is a `ContentHash` of everything the value follows
/// from (an LLM request, a print document). Never a reason for a build to fail: a miss,
/// an error and a wrong answer all come back as nil, and the caller does the work itself.
public protocol SharedCache: Sendable {
    /// The value stored for `key`, verified; nil when there is none or it cannot be had.
    func value(for key: ContentHash) async -> Data?
    /// Offers `value` for `key` to the other machines (a no-op when writing is off).
    func store(_ value: Data, for key: ContentHash) async
}

/// A shared cache's key for one kind of value: the kind's name and the local key, hashed
/// together, so that an LLM answer and a PDF never share a key.
extension ContentHash {
    public func shared(_ kind: String) -> ContentHash {
        ContentHash(ofString: "scrollbuild-\(kind)-v1:" + hex)
    }
}
