import Discovery
import Effects
import EffectsTesting
import Foundation
import LLM
import Synchronization
import Testing

/// The fetcher's decisions, against a scripted server and a clock that moves only when
/// the fetcher sleeps. (Tests/EndToEndTests/DiscoverTests drives it over real HTTP.)
@Suite struct PoliteFetcherTests {
    /// Answers each URL with its next scripted response (the last one again once used up),
    /// and 404 for URLs with no script; records every request.
    final class ScriptedServer: HTTPTransport {
        let script: Mutex<[String: [HTTPResponse]]>
        let received = Mutex<[HTTPRequest]>([])

        init(_ script: [String: [HTTPResponse]]) { self.script = Mutex(script) }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            received.withLock { $0.append(request) }
            return script.withLock { script in
                guard var list = script[request.url], !list.isEmpty else { return HTTPResponse(status: 404, headers: [:], body: Data()) }
                let next = list.count > 1 ? list.removeFirst() : list[0]
                script[request.url] = list
                return next
            }
        }

        var urls: [String] { received.withLock { $0.map(\.url) } }
    }

    final class Setup: Sendable {
        let server: ScriptedServer
        let clock = ManualWallClock()
        let slept = Mutex<[Duration]>([])
        let cache = HTTPDiskCache(folder: NSTemporaryDirectory() + "fetcher-\(UUID().uuidString)", fileSystem: LocalFileSystem())

        init(server: ScriptedServer) { self.server = server }

        func fetcher(refresh: Bool = false, runStart: Double? = nil) -> PoliteFetcher {
            var policy = FetchPolicy(userAgent: "scrollbuild/test (+https://example.org/contact)")
            policy.delay = .milliseconds(500)
            policy.retry = RetryPolicy(attempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
            policy.refresh = refresh
            return PoliteFetcher(transport: server, cache: cache, policy: policy, clock: clock,
                                 runStart: runStart ?? clock.seconds + 1e9) { [self] duration in
                slept.withLock { $0.append(duration) }
                clock.advance(by: duration)
            }
        }
    }

    static func ok(_ body: String, etag: String? = nil) -> HTTPResponse {
        HTTPResponse(status: 200, headers: etag.map { ["etag": $0] } ?? [:], body: Data(body.utf8))
    }

    static let robots = "https://site.test/robots.txt"

    @Test func retryAfterIsHonouredAndTheDelayKeptBetweenRequests() async throws {
        let page = "https://site.test/courses/a/data.json"
        let setup = Setup(server: ScriptedServer([
            Self.robots: [Self.ok("User-agent: *\nDisallow: /private/\n")],
            page: [HTTPResponse(status: 429, headers: ["retry-after": "7"], body: Data()), Self.ok("{}")],
        ]))
        let fetcher = setup.fetcher()
        let fetched = try await fetcher.get(page)
        #expect(fetched.status == 200 && fetched.change == .new)
        #expect(setup.server.urls == [Self.robots, page, page])
        let slept = setup.slept.withLock { $0 }
        #expect(slept.contains { $0 >= .seconds(7) }, "Retry-After: 7 was not waited for: \(slept)")
        #expect(slept.contains(.milliseconds(500)), "no delay between robots.txt and the page: \(slept)")
        #expect(setup.server.received.withLock { $0 }.allSatisfy {
            $0.headers.contains { $0 == ("User-Agent", "scrollbuild/test (+https://example.org/contact)") }
        })
        await #expect(throws: FetchFailure.disallowed) { try await fetcher.get("https://site.test/private/x") }
        #expect(setup.server.urls.count == 3, "a disallowed page was requested")
    }

    @Test func aRobotsFileThatWillNotLoadDisallowsEverythingAndAMissingOneNothing() async throws {
        let down = Setup(server: ScriptedServer([Self.robots: [HTTPResponse(status: 503, headers: [:], body: Data())]]))
        await #expect(throws: FetchFailure.robotsUnreadable("the server answered 503")) { try await down.fetcher().get("https://site.test/a") }
        #expect(down.server.urls == [Self.robots, Self.robots, Self.robots], "robots.txt: three attempts, then no page")

        let missing = Setup(server: ScriptedServer(["https://site.test/a": [Self.ok("a")]]))
        #expect(try await missing.fetcher().get("https://site.test/a").status == 200)
    }

    @Test func aSecondRunAsksConditionallyAndAResumedRunDoesNotAskAtAll() async throws {
        let page = "https://site.test/a"
        let setup = Setup(server: ScriptedServer([
            page: [Self.ok("first", etag: "\"1\""), HTTPResponse(status: 304, headers: [:], body: Data()), Self.ok("second", etag: "\"2\"")],
        ]))
        let first = try await setup.fetcher().get(page)
        #expect(first.change == .new && first.origin == .network)

        setup.clock.advance(by: .seconds(60))
        let again = try await setup.fetcher().get(page)
        #expect(again.change == .same && again.origin == .revalidated && again.body == Data("first".utf8))
        let conditional = setup.server.received.withLock { $0.last!.headers }
        #expect(conditional.contains { $0 == ("If-None-Match", "\"1\"") })

        // A run that continues one begun before these fetches uses them as they are.
        let resumed = try await setup.fetcher(runStart: setup.clock.seconds - 120).get(page)
        #expect(resumed.origin == .cache)

        setup.clock.advance(by: .seconds(60))
        let changed = try await setup.fetcher().get(page)
        #expect(changed.change == .changed && changed.body == Data("second".utf8))
        #expect(setup.server.urls.filter { $0 == page }.count == 3)
    }

    @Test func aBodyOverTheLimitOrAStatusThatRetriesWillNotChangeFails() async throws {
        let setup = Setup(server: ScriptedServer([
            "https://site.test/forbidden": [HTTPResponse(status: 403, headers: [:], body: Data())],
            "https://site.test/down": [HTTPResponse(status: 500, headers: [:], body: Data())],
        ]))
        let fetcher = setup.fetcher()
        await #expect(throws: FetchFailure.status(403)) { try await fetcher.get("https://site.test/forbidden") }
        await #expect(throws: FetchFailure.status(500)) { try await fetcher.get("https://site.test/down") }
        #expect(setup.server.urls.filter { $0.hasSuffix("/forbidden") }.count == 1, "a 403 was retried")
        #expect(setup.server.urls.filter { $0.hasSuffix("/down") }.count == 3)
        #expect(await fetcher.counts.retries == 2)
        await #expect(throws: FetchFailure.badURL) { try await fetcher.get("file:///etc/passwd") }
    }
}
