import Foundation
import Store
import Synchronization

/// The calls of one run that go to, or come back from, an OpenAI Batch API job.
///
/// A run with `--batch` collects the calls that miss the cache instead of sending them
/// (`enqueue`); at its end `BatchJobs.submit` sends them as one job. A later run loads
/// the finished job's replies (`reply(for:)`); lines that failed fall back to ordinary
/// calls (`failed(_:)`).
public final class BatchSession: Sendable {
    public struct Pending: Sendable {
        public var hash: ContentHash
        public var baseURL: String
        public var body: JSONValue
        /// The environment variable holding the keys to submit it with.
        public var keyVariable: String?
    }

    private let replies: [ContentHash: ProviderReply]
    private let failures: Set<ContentHash>
    /// Whether new calls go into a batch (`--batch`) or out as ordinary calls.
    public let collecting: Bool
    private let queue = Mutex<[Pending]>([])

    public init(replies: [ContentHash: ProviderReply] = [:], failures: Set<ContentHash> = [], collecting: Bool) {
        self.replies = replies
        self.failures = failures
        self.collecting = collecting
    }

    func reply(for hash: ContentHash) -> ProviderReply? { replies[hash] }

    /// Whether `hash` was in the finished batch and failed there (so it is sent directly).
    func failed(_ hash: ContentHash) -> Bool { failures.contains(hash) }

    func enqueue(_ request: LLMRequest, hash: ContentHash) {
        queue.withLock { $0.append(Pending(hash: hash, baseURL: request.choice.baseURL, body: request.body(messages: request.messages),
                                                keyVariable: request.policy.keyVariable)) }
    }

    /// The calls waiting to be submitted, in hash order, once each.
    public var pending: [Pending] {
        var seen = Set<ContentHash>()
        return queue.withLock { $0 }.sorted { $0.hash < $1.hash }.filter { seen.insert($0.hash).inserted }
    }
}
