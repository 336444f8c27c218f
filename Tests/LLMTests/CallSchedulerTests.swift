import EffectsTesting
import Foundation
import LLM
import OfflineAuthor
import Synchronization
import Testing

/// Retries, Retry-After and rate-limit headers, on a manual clock: a test that waits two
/// seconds of provider time takes microseconds, and says exactly how long it waited.
@Suite struct CallSchedulerTests {
    /// Answers from a script, in order, and records when (in manual time) each request came.
    final class ScriptedTransport: HTTPTransport {
        private let script: Mutex<[HTTPResponse]>
        private let clock: ManualClock
        let times = Mutex<[Duration]>([])

        init(_ script: [HTTPResponse], clock: ManualClock) {
            self.script = Mutex(script)
            self.clock = clock
        }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            times.withLock { $0.append(clock.elapsed()) }
            return script.withLock { $0.isEmpty ? CallSchedulerTests.answer : $0.removeFirst() }
        }
    }

    static let schema = JSONSchema(["type": "object", "properties": ["a": ["type": "string"]], "required": ["a"]])
    static let answer = HTTPResponse(status: 200, headers: [:], body: Data("""
        {"choices": [{"message": {"role": "assistant", "content": "{\\"a\\": \\"x\\"}"}}], "usage": {"prompt_tokens": 3, "completion_tokens": 2}}
        """.utf8))

    func scheduler(_ transport: ScriptedTransport, clock: ManualClock, fileSystem: InMemoryFileSystem? = nil,
                   warn: @escaping @Sendable (String) -> Void = { _ in }) -> CallScheduler {
        let wallClock = ManualWallClock()
        let cache = CallCache(root: "/state", fileSystem: fileSystem ?? InMemoryFileSystem(clock: wallClock), warn: warn)
        return CallScheduler(cache: cache,
                             log: nil, online: OpenAIProvider(transport: transport, now: { wallClock.now() }), offline: OfflineAuthor(),
                             keys: APIKeys([APIKeys.defaultVariable: "sk-test"]), ledger: BudgetLedger(run: BudgetLimit()),
                             effects: CallScheduler.Effects(sleep: clock.sleep, random: { 0.5 }, now: { wallClock.now() },
                                                            elapsed: clock.elapsed))
    }

    func request(attempts: Int = 3) -> LLMRequest {
        LLMRequest(step: "generate-module", stepVersion: 1, task: "generate:x/module-01", course: "x",
                   choice: ModelChoice(provider: .openai, baseURL: "http://127.0.0.1:1/v1", model: "m"),
                   messages: [ChatMessage(role: "user", content: "u")], schema: Self.schema, inputs: [:],
                   policy: CallPolicy(retry: RetryPolicy(attempts: attempts, baseDelay: .milliseconds(100), maxDelay: .seconds(1))))
    }

    @Test func retryAfterIsHonoured() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([HTTPResponse(status: 429, headers: ["retry-after": "2"], body: Data("{}".utf8))],
                                          clock: clock)
        let answer = try await scheduler(transport, clock: clock).answer(request())
        #expect(answer == ["a": "x"])
        let times = transport.times.withLock { $0 }
        #expect(times.count == 2)
        #expect(times[1] - times[0] == .seconds(2))
        #expect(clock.sleeps == [.seconds(2)])
    }

    @Test func aServerErrorStormEndsAfterTheBoundedAttemptsWithBackoff() async throws {
        let clock = ManualClock()
        let failing = [HTTPResponse](repeating: HTTPResponse(status: 500, headers: [:], body: Data("{}".utf8)), count: 5)
        let transport = ScriptedTransport(failing, clock: clock)
        await #expect(throws: LLMError.self) { try await scheduler(transport, clock: clock).answer(request(attempts: 3)) }
        #expect(transport.times.withLock { $0.count } == 3)
        // Full jitter at 0.5 under a ceiling of 100 ms, then 200 ms.
        #expect(clock.sleeps == [.milliseconds(50), .milliseconds(100)])
    }

    @Test func nothingRemainingInTheHeadersHoldsTheNextCallUntilTheReset() async throws {
        let clock = ManualClock()
        let exhausted = HTTPResponse(status: 200, headers: ["x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s"],
                                     body: Self.answer.body)
        let transport = ScriptedTransport([exhausted], clock: clock)
        let scheduler = scheduler(transport, clock: clock)
        _ = try await scheduler.answer(request())
        var other = request()
        other.messages = [ChatMessage(role: "user", content: "another question")]
        _ = try await scheduler.answer(other)
        let times = transport.times.withLock { $0 }
        #expect(times.count == 2 && times[1] - times[0] == .seconds(1))
    }

    /// A corrupt cached answer is a visible warning and a miss, never a silent one.
    @Test func aCorruptCachedAnswerIsReportedAndAskedAgain() async throws {
        let clock = ManualClock()
        let fileSystem = InMemoryFileSystem(clock: ManualWallClock())
        let warnings = Warnings()
        let transport = ScriptedTransport([], clock: clock)
        let scheduler = scheduler(transport, clock: clock, fileSystem: fileSystem, warn: { warnings.add($0) })
        _ = try await scheduler.answer(request())
        _ = try await scheduler.answer(request())
        #expect(transport.times.withLock { $0.count } == 1)  // the second came from the cache
        let link = try #require(fileSystem.writes.first { $0.hasPrefix("/state/calls/") })
        fileSystem.put(link, "not a digest")
        _ = try await scheduler.answer(request())
        #expect(transport.times.withLock { $0.count } == 2)
        #expect(warnings.all == ["the cached answer \(link) is corrupt; the call is made again"])
    }
}

final class Warnings: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ message: String) { list.withLock { $0.append(message) } }
    var all: [String] { list.withLock { $0 } }
}
