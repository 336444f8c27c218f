/// What a provider answered: the message text (JSON, we hope) and what it cost.
public struct ProviderReply: Sendable {
    public var content: String
    public var tokensIn: Int
    public var tokensOut: Int
    /// The provider's rate-limit headers, if it sent any.
    public var limits: RateLimitHeaders?

    public init(content: String, tokensIn: Int, tokensOut: Int, limits: RateLimitHeaders? = nil) {
        self.content = content
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.limits = limits
    }
}

/// Why a provider gave no reply; `retryable` cases are retried with backoff.
public enum ProviderError: Error, Sendable, CustomStringConvertible {
    /// 429: too many requests or tokens; wait `retryAfter` if the provider said.
    case rateLimited(retryAfter: Duration?, limits: RateLimitHeaders?)
    /// 5xx: the provider failed.
    case server(status: Int, retryAfter: Duration?)
    /// No whole reply in time.
    case timeout(String)
    /// No connection, or it broke (a truncated body among them).
    case connection(String)
    /// A reply that is not a chat completion (unparseable envelope, no message).
    case malformed(String)
    /// 4xx other than 429: the request itself is wrong (bad key, unknown model); not retried.
    case refused(status: Int, message: String)
    /// The answer passed the step's size limit (`max_answer_bytes`) and was cut off as
    /// it arrived; not retried (asking again would pay for another one as large).
    case tooLarge(limit: Int)

    public var retryable: Bool {
        switch self {
        case .refused, .tooLarge: false
        default: true
        }
    }

    var retryAfter: Duration? {
        switch self {
        case .rateLimited(let after, _), .server(_, let after): after
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .rateLimited: "rate limited (HTTP 429)"
        case .server(let status, _): "the provider failed (HTTP \(status))"
        case .timeout(let what): "timed out: \(what)"
        case .connection(let what): "connection failed: \(what)"
        case .malformed(let what): "the reply is not a chat completion: \(what)"
        case .refused(let status, let message): "the provider refused the request (HTTP \(status)): \(message)"
        case .tooLarge(let limit):
            "the answer passed the step's limit of \(limit) bytes and was dropped unread; nothing was stored "
                + "(raise llm.max_answer_bytes, or the step's own, if answers this large are expected)"
        }
    }
}

/// Something that answers chat requests.
public protocol ChatProvider: Sendable {
    /// Sends `messages` (the request's own, or a retry's) with `key`.
    func complete(_ request: LLMRequest, messages: [ChatMessage], key: String?) async throws -> ProviderReply
}
