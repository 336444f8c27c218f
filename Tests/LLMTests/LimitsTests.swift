import Diagnostics
import EffectsTesting
import Foundation
import LLM
import Testing

@Suite struct LimitsTests {
    @Test func rateLimitDurationsInEveryFormTheProvidersUse() {
        #expect(RateLimitHeaders.duration("6m0s") == .seconds(360))
        #expect(RateLimitHeaders.duration("20ms") == .milliseconds(20))
        #expect(RateLimitHeaders.duration("1.5s") == .milliseconds(1500))
        #expect(RateLimitHeaders.duration("1h2m3s") == .seconds(3723))
        #expect(RateLimitHeaders.duration("7") == .seconds(7))
        #expect(RateLimitHeaders.duration("soon") == nil)
    }

    @Test func retryAfterMillisecondsComeBeforeSecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RateLimitHeaders.retryAfter(headers: ["retry-after-ms": "250", "retry-after": "9"], now: now) == .milliseconds(250))
        #expect(RateLimitHeaders.retryAfter(headers: ["retry-after": "3"], now: now) == .seconds(3))
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(RateLimitHeaders.retryAfter(headers: ["retry-after": "Tue, 14 Nov 2023 22:13:30 GMT"], now: now) == .seconds(10))
        #expect(RateLimitHeaders.retryAfter(headers: [:], now: now) == nil)
    }

    @Test func backoffIsFullJitterUnderAnExponentialCeiling() {
        let policy = RetryPolicy(attempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(after: 0, random: 0.999) < .milliseconds(100))
        #expect(policy.delay(after: 3, random: 0.5) == .milliseconds(400))
        #expect(policy.delay(after: 10, random: 0.5) == .milliseconds(500))
        #expect(policy.delay(after: 2, random: 0) == .zero)
    }

    @Test func theBucketPacesCallsAtTheConfiguredRate() {
        let limiter = RateLimiter(elapsed: ManualClock().elapsed)
        let limits = RateLimits(requestsPerMinute: 600)  // 10 a second, bursts of 5
        let waits = (0..<10).map { _ in limiter.reserve(model: "m", tokens: 1, limits: limits) }
        #expect(waits.prefix(5).allSatisfy { $0 == .zero })
        #expect(waits[9] > .milliseconds(400) && waits[9] <= .milliseconds(510))
        #expect(limiter.reserve(model: "other", tokens: 1, limits: limits) == .zero)
    }

    @Test func aProviderReportingNothingLeftPausesTheModel() {
        let clock = ManualClock()
        let limiter = RateLimiter(elapsed: clock.elapsed)
        limiter.observe(RateLimitHeaders(remainingRequests: 0, resetRequests: .seconds(2)), model: "m")
        #expect(limiter.reserve(model: "m", tokens: 1, limits: RateLimits()) > .milliseconds(1900))
        clock.advance(by: .milliseconds(1500))
        #expect(limiter.reserve(model: "m", tokens: 1, limits: RateLimits()) == .milliseconds(500))
        clock.advance(by: .seconds(1))
        #expect(limiter.reserve(model: "m", tokens: 1, limits: RateLimits()) == .zero)
    }

    /// Issue 15's simulation: after a 429 with Retry-After, the calls reserved during the
    /// pause went out together when it ended, and the provider's one-second window refused
    /// 404 of 40,839. They are spread at the rate after it instead.
    @Test func aPauseOfALimitedModelSpreadsTheCallsAfterIt() {
        let clock = ManualClock()
        let limiter = RateLimiter(elapsed: clock.elapsed)
        let limits = RateLimits(requestsPerMinute: 600)  // 10 a second
        limiter.observe(RateLimitHeaders(remainingRequests: 0, resetRequests: .seconds(1)), model: "m")
        let waits = (0..<20).map { _ in limiter.reserve(model: "m", tokens: 1, limits: limits) }
        #expect(waits.allSatisfy { $0 >= .seconds(1) }, "\(waits)")
        // At most 10 a second after the pause: the 20th waits two seconds more.
        #expect(waits[19] >= .milliseconds(2_800), "\(waits)")
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 < $1 }, "\(waits)")
    }

    @Test func keysRotateOncePerRefusalAndAreRedacted() {
        let ring = KeyRing("k-one, k-two")
        #expect(ring.key() == "k-one")
        ring.rotate(after: "k-one")
        ring.rotate(after: "k-one")  // a second caller saw the same 429: no double step
        #expect(ring.key() == "k-two")
        #expect(ring.redact("bad key k-two given") == "bad key [redacted] given")
    }

    @Test func aBudgetRefusesTheCallThatWouldPassIt() {
        let ledger = BudgetLedger(run: BudgetLimit(tokens: 1000))
        #expect(ledger.reserve(tokens: 600, usd: 0, course: "a", courseLimit: nil) == nil)
        #expect(ledger.reserve(tokens: 600, usd: 0, course: "a", courseLimit: nil) != nil)
        #expect(ledger.exhausted != nil)
        let perCourse = BudgetLedger(run: BudgetLimit())
        #expect(perCourse.reserve(tokens: 10, usd: 0.5, course: "a", courseLimit: BudgetLimit(usd: 0.4)) != nil)
        #expect(perCourse.reserve(tokens: 10, usd: 0.5, course: "b", courseLimit: nil) == nil)
    }

    /// Issue 12: a provider's message that quotes part of a key, and a URL with a password.
    @Test func keyPrefixesAndURLPasswordsAreRedacted() {
        let ring = KeyRing("sk-proj-0123456789abcdef, short")
        #expect(ring.redact("Incorrect API key provided: sk-proj-0123….") == "Incorrect API key provided: [redacted]….")
        #expect(ring.redact("key sk-proj-0123456789abcdef!") == "key [redacted]!")
        #expect(ring.redact("sk-proj- is the prefix of many keys") == "[redacted] is the prefix of many keys")
        #expect(ring.redact("a short one") == "a [redacted] one")
        #expect(ring.redact("sk-pro is not enough") == "sk-pro is not enough")
        #expect(ring.leaks(into: "here: sk-proj-0") && !ring.leaks(into: "sk-proj"))
        #expect(URLCredentials.redact("cannot reach http://alice:hunter2@127.0.0.1:9/v1/chat")
                == "cannot reach http://[redacted]@127.0.0.1:9/v1/chat")
        #expect(URLCredentials.redact("mail a@example.org at https://example.org/x") == "mail a@example.org at https://example.org/x")
        #expect(URLCredentials.split("https://u:p@w@host:8/v1?q=a@b") == ("https://host:8/v1?q=a@b", "u:p@w"))
        #expect(URLCredentials.split("https://host/v1/a@b") == ("https://host/v1/a@b", nil))
        #expect(URLCredentials.split("not a url@all") == ("not a url@all", nil))
        #expect(URLCredentials.split("http://a:pa/ss@h:1/v1") == ("http://h:1/v1", "a:pa/ss"))
        #expect(URLCredentials.split("http://a:p#s?x@h/v1") == ("http://h/v1", "a:p#s?x"))
        #expect(URLCredentials.split("https://h/v1/@scope") == ("https://h/v1/@scope", nil))
        #expect(URLCredentials.redact("at http://a:pre@post@h/v1") == "at http://[redacted]@h/v1")
    }
}
