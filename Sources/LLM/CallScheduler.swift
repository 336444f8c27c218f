import Diagnostics
import Foundation
import Store
import Synchronization

/// Answers LLM requests for the build: from the call cache when it can, else from the
/// provider, within the rate limits and the budget, retrying what failed and asking
/// again when an answer breaks the schema. Only a valid answer is stored, and it is
/// stored (durably) the moment it is valid, before the caller sees it; its row in the
/// call log is written just before, so a stored answer always has its row.
public final class CallScheduler: Sendable {
    /// The side effects a scheduler uses, passed in so that tests can drive them.
    public struct Effects: Sendable {
        public var sleep: @Sendable (Duration) async throws -> Void
        public var random: @Sendable () -> Double
        public var now: @Sendable () -> Date
        /// Monotonic time since some origin, for rate limits and latencies.
        public var elapsed: @Sendable () -> Duration

        public init(sleep: @escaping @Sendable (Duration) async throws -> Void,
                    random: @escaping @Sendable () -> Double,
                    now: @escaping @Sendable () -> Date,
                    elapsed: @escaping @Sendable () -> Duration) {
            self.sleep = sleep
            self.random = random
            self.now = now
            self.elapsed = elapsed
        }
    }

    let cache: CallCache
    let log: CallLog?
    let online: (any ChatProvider)?
    let offline: any ChatProvider
    let keys: APIKeys
    let ledger: BudgetLedger
    let limiter: RateLimiter
    let batch: BatchSession?
    /// The team's cache, asked after the local one and told every new answer.
    let shared: (any SharedCache)?
    let effects: Effects
    let runID: Double
    private let counted = Mutex(LLMTotals())

    /// - Parameters:
    ///   - online: the provider for `openai` choices (nil when none is configured).
    ///   - offline: the provider for `offline` choices (the pipeline's `OfflineAuthor`).
    ///   - batch: when set, calls that miss the cache go into a batch instead of out.
    ///   - shared: a cache shared with other machines (`cache.remote`), asked after the local one.
    public init(cache: CallCache, log: CallLog?, online: (any ChatProvider)?, offline: any ChatProvider,
                keys: APIKeys, ledger: BudgetLedger, batch: BatchSession? = nil, shared: (any SharedCache)? = nil,
                effects: Effects) {
        self.cache = cache
        self.shared = shared
        self.log = log
        self.online = online
        self.offline = offline
        self.keys = keys
        self.ledger = ledger
        self.batch = batch
        self.effects = effects
        limiter = RateLimiter(elapsed: effects.elapsed)
        runID = effects.now().timeIntervalSince1970
    }

    /// What this run's calls added up to so far.
    public var totals: LLMTotals { counted.withLock { $0 } }

    /// The answer to `request`: valid against its schema, with optional nulls removed.
    public func answer(_ request: LLMRequest) async throws -> JSONValue {
        let started = effects.elapsed()
        let hash = request.hash
        var record = CallRecord(time: effects.now().timeIntervalSince1970, run: runID, step: request.step,
                                task: request.task, course: request.course, provider: request.choice.provider.rawValue,
                                model: request.choice.model, tokensIn: 0, tokensOut: 0, cost: 0, latencyMs: 0,
                                attempts: 0, outcome: .ok, cacheHit: false, requestHash: hash.hex)
        var logged = false
        func logRow() {
            record.latencyMs = (effects.elapsed() - started).seconds * 1000
            log?.append(record)
            logged = true
        }
        defer { if !logged { logRow() } }
        if let stored = cache.answer(for: hash) {
            if let value = try? JSONValue(parsing: stored), request.schema.violations(of: value).isEmpty,
               request.check?(value).isEmpty ?? true {
                record.cacheHit = true
                counted.withLock { $0.cacheHits += 1 }
                return value
            }
            cache.warn("\(request.task): its cached answer no longer parses or fits the schema; the call is made again")
        }
        if let shared, let stored = await shared.value(for: hash.shared("llm")),
           let value = try? JSONValue(parsing: stored), request.schema.violations(of: value).isEmpty,
           request.check?(value).isEmpty ?? true {
            // Another machine paid for it: kept here too, so the next build asks no one.
            try cache.store(value.canonical, for: hash)
            record.cacheHit = true
            counted.withLock { $0.cacheHits += 1; $0.sharedHits += 1 }
            return value
        }
        do {
            let answer = try await fresh(request, hash: hash, record: &record)
            logRow()  // a fraction of a millisecond (no fsync), then the durable store
            try cache.store(answer.canonical, for: hash)
            await shared?.store(answer.canonical, for: hash.shared("llm"))
            return answer
        } catch let error as LLMError {
            switch error {
            case .budgetExhausted: record.outcome = .budget
            case .deferredToBatch: record.outcome = .deferred
            case .invalidAnswer: record.outcome = .invalid
            case .providerFailed: record.outcome = .failed
            }
            throw error
        }
    }

    /// Asks the provider (or picks up a batch's answer), asking again with the
    /// violations quoted while the answer breaks the schema.
    private func fresh(_ request: LLMRequest, hash: ContentHash, record: inout CallRecord) async throws -> JSONValue {
        var messages = request.messages
        var violations: [String] = []
        let tries = request.policy.invalidRetries + 1
        for attempt in 0..<tries {
            let reply: ProviderReply
            var priceFactor = 1.0
            if attempt == 0, let batched = batch?.reply(for: hash) {
                reply = batched
                priceFactor = 0.5  // the Batch API's price
            } else {
                if let batch, batch.collecting, request.choice.provider == .openai, attempt == 0, !batch.failed(hash) {
                    batch.enqueue(request, hash: hash)
                    counted.withLock { $0.deferred += 1 }
                    throw LLMError.deferredToBatch
                }
                reply = try await send(request, messages: messages, record: &record)
            }
            let cost = priceFactor * (request.policy.price?.cost(tokensIn: reply.tokensIn, tokensOut: reply.tokensOut) ?? 0)
            record.tokensIn += reply.tokensIn
            record.tokensOut += reply.tokensOut
            record.cost += cost
            counted.withLock {
                $0.tokensIn += reply.tokensIn
                $0.tokensOut += reply.tokensOut
                $0.costUSD += cost
            }
            if reply.content.utf8.count > request.policy.maxAnswerBytes {
                // A batch's or the offline author's answer, which did not come through the cut-off.
                throw LLMError.providerFailed(attempts: record.attempts,
                                              reason: ProviderError.tooLarge(limit: request.policy.maxAnswerBytes).description)
            }
            let keys = self.keys.ring(request.policy.keyVariable)
            let checked = CallScheduler.check(reply.content, against: request.schema, and: request.check)
            // The key as sent, or as the answer's JSON decodes it (`\u0073k-…`), or quoted
            // back by a violation (an unexpected property named by it).
            let leaked: Bool
            switch checked {
            case .success(let value): leaked = keys.leaks(into: reply.content) || keys.leaks(into: value.canonicalText)
            case .failure(let problems): leaked = keys.leaks(into: reply.content) || problems.list.contains(where: keys.leaks)
            }
            if leaked {
                // An answer that holds the key would publish it: a failed attempt, never stored.
                violations = ["$: the answer contains a configured API key (or its first characters); a secret is never published"]
                messages += [ChatMessage(role: "assistant", content: keys.redact(reply.content)),
                             ChatMessage(role: "user", content: CallScheduler.feedback(violations))]
                continue
            }
            switch checked {
            case .success(let value):
                return value
            case .failure(let problems):
                violations = problems.list
                messages += [ChatMessage(role: "assistant", content: reply.content),
                             ChatMessage(role: "user", content: CallScheduler.feedback(problems.list))]
            }
        }
        throw LLMError.invalidAnswer(step: request.step, attempts: tries, violations: violations)
    }

    /// The answer parsed and checked against the full schema, or what is wrong with it.
    public static func check(_ content: String, against schema: JSONSchema,
                      and extra: (@Sendable (JSONValue) -> [String])? = nil) -> Result<JSONValue, Problems> {
        let value: JSONValue
        do { value = try JSONValue(parsing: CallScheduler.unfenced(content)) } catch {
            return .failure(Problems(list: ["$: \(error)"]))
        }
        let cleaned = schema.withoutNullOptionals(value)
        let violations = schema.violations(of: cleaned).map(\.description)
        guard violations.isEmpty else { return .failure(Problems(list: violations)) }
        let problems = extra?(cleaned) ?? []
        return problems.isEmpty ? .success(cleaned) : .failure(Problems(list: problems))
    }

    /// What is wrong with an answer, one line each.
    public struct Problems: Error { public var list: [String] }

    /// JSON mode sometimes wraps the object in a Markdown code fence; take it out.
    static func unfenced(_ content: String) -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), let firstLine = trimmed.firstIndex(of: "\n") else { return trimmed }
        return String(trimmed[firstLine..<trimmed.index(trimmed.endIndex, offsetBy: -3)])
    }

    /// The message that asks for a corrected answer.
    static func feedback(_ violations: [String]) -> String {
        "Your answer does not match the required JSON schema or the checks on it:\n"
            + violations.prefix(20).map { "- " + $0 }.joined(separator: "\n")
            + "\nAnswer again with only a JSON object that fits the schema."
    }

    /// One exchange with the provider, retried with backoff while it fails in a way
    /// that may pass: within the budget and the rate limits.
    private func send(_ request: LLMRequest, messages: [ChatMessage], record: inout CallRecord) async throws -> ProviderReply {
        guard request.choice.provider == .openai else {
            record.attempts += 1
            counted.withLock { $0.calls += 1 }
            return try await offline.complete(request, messages: messages, key: nil)
        }
        guard let online else { throw LLMError.providerFailed(attempts: 0, reason: "no provider is configured") }
        let estimate = CallScheduler.estimateTokens(messages, request.choice)
        let estimatedCost = request.policy.price?.cost(tokensIn: estimate.input, tokensOut: estimate.output) ?? 0
        if let reason = ledger.reserve(tokens: estimate.input + estimate.output, usd: estimatedCost,
                                       course: request.course, runLimit: request.policy.runBudget,
                                       courseLimit: request.policy.courseBudget) {
            throw LLMError.budgetExhausted(reason)
        }
        var settled = (tokens: 0, usd: 0.0)
        defer {
            ledger.settle(reserved: (estimate.input + estimate.output, estimatedCost), actual: settled, course: request.course)
        }
        var lastError = ""
        let policy = request.policy.retry
        let keys = self.keys.ring(request.policy.keyVariable)
        for attempt in 0..<max(1, policy.attempts) {
            let wait = limiter.reserve(model: request.choice.model, tokens: estimate.input + estimate.output,
                                       limits: request.policy.limits)
            if wait > .zero { try await effects.sleep(wait) }
            let key = keys.key()
            record.attempts += 1
            counted.withLock { $0.calls += 1 }
            do {
                let reply = try await online.complete(request, messages: messages, key: key)
                if let limits = reply.limits { limiter.observe(limits, model: request.choice.model) }
                let cost = request.policy.price?.cost(tokensIn: reply.tokensIn, tokensOut: reply.tokensOut) ?? 0
                settled = (reply.tokensIn + reply.tokensOut, cost)
                return reply
            } catch let error as ProviderError {
                lastError = URLCredentials.redact(keys.redact(error.description))
                guard error.retryable, attempt + 1 < policy.attempts else { break }
                var delay = policy.delay(after: attempt, random: effects.random())
                if case .rateLimited(let after, let limits) = error {
                    keys.rotate(after: key)
                    // The model pauses only when the headers say nothing is left; a 429
                    // that only says "retry after" (an overloaded server) delays this call,
                    // not every other (at 1% of answers that would halve the throughput).
                    if let limits { limiter.observe(limits, model: request.choice.model) }
                    if let after { delay = max(after, .milliseconds(1)) }
                } else if let after = error.retryAfter {
                    delay = max(delay, after)
                }
                try await effects.sleep(delay)
            }
        }
        throw LLMError.providerFailed(attempts: record.attempts, reason: lastError)
    }

    /// A call's size before it is made: about four characters per input token, and the
    /// output at its ceiling (`max_tokens`, else 1,000).
    static func estimateTokens(_ messages: [ChatMessage], _ choice: ModelChoice) -> (input: Int, output: Int) {
        (messages.reduce(0) { $0 + $1.content.utf8.count } / 4 + 1, choice.maxTokens ?? 1000)
    }

    /// Writes the buffered log rows.
    public func finish() throws {
        try log?.flush()
    }
}
