/// How a call is made, beyond what it asks: none of this can change an answer, so none
/// of it is in the request hash.
public struct CallPolicy: Sendable, Hashable, Codable {
    /// How many times an answer that breaks the schema is asked for again.
    public var invalidRetries: Int
    public var retry: RetryPolicy
    public var limits: RateLimits
    public var price: Price?
    /// The course's own budget, if scrollbuild.yml sets one.
    public var courseBudget: BudgetLimit?
    /// The run's budget scrollbuild.yml sets (the command line's `--budget-*` overrides it).
    public var runBudget: BudgetLimit?
    /// The environment variable holding the API keys (nil: `APIKeys.defaultVariable`).
    public var keyVariable: String?
    public var connectTimeout: Duration
    public var totalTimeout: Duration
    /// The largest answer taken, in bytes of its content: a larger one is a failed
    /// call, cut off while it arrives and never stored.
    public var maxAnswerBytes: Int

    public static let defaultMaxAnswerBytes = 1_000_000

    public init(invalidRetries: Int = 2, retry: RetryPolicy = RetryPolicy(), limits: RateLimits = RateLimits(),
                price: Price? = nil, courseBudget: BudgetLimit? = nil, runBudget: BudgetLimit? = nil,
                keyVariable: String? = nil, connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(120),
                maxAnswerBytes: Int = CallPolicy.defaultMaxAnswerBytes) {
        self.maxAnswerBytes = maxAnswerBytes
        self.invalidRetries = invalidRetries
        self.retry = retry
        self.limits = limits
        self.price = price
        self.courseBudget = courseBudget
        self.runBudget = runBudget
        self.keyVariable = keyVariable
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

/// Why a call produced no answer. Messages never contain a key.
public enum LLMError: Error, Sendable, CustomStringConvertible {
    /// Every answer broke the schema; the violations of the last one.
    case invalidAnswer(step: String, attempts: Int, violations: [String])
    /// The provider failed for good (after `attempts` exchanges).
    case providerFailed(attempts: Int, reason: String)
    /// The budget would be exceeded, so the call was not sent.
    case budgetExhausted(String)
    /// The call went into a batch; a later run picks up its answer.
    case deferredToBatch

    public var description: String {
        switch self {
        case .invalidAnswer(let step, let attempts, let violations):
            "the model's answers for step '\(step)' broke its schema \(attempts) times; the last one: "
                + violations.prefix(5).joined(separator: "; ") + " (nothing was stored)"
        case .providerFailed(let attempts, let reason):
            "LLM call failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)"
        case .budgetExhausted(let reason):
            LLMError.budgetPrefix + reason + "; rerun with a larger --budget-usd or --budget-tokens to continue"
        case .deferredToBatch:
            LLMError.deferredMessage
        }
    }

    /// How a failure's message starts when the budget stopped the call.
    public static let budgetPrefix = "not sent: "
    public static let deferredMessage = "waiting for a batch; run again later to pick up its results"
}

/// What the calls of a run added up to; `--json` prints these.
public struct LLMTotals: Sendable, Equatable {
    /// Requests sent to a provider (each attempt counts; offline answers count one each).
    public var calls = 0
    public var cacheHits = 0
    /// Of the cache hits, those answered by the shared (remote) cache.
    public var sharedHits = 0
    public var tokensIn = 0
    public var tokensOut = 0
    public var costUSD = 0.0
    /// Calls waiting in a batch.
    public var deferred = 0

    public init() {}
}
