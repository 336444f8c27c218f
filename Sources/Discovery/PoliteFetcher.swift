import Effects
import Foundation
import LLM

/// Fetches pages as a polite crawler does: robots.txt first (per host, cached), one
/// request at a time per host with `delay` between their starts, conditional requests
/// for what the cache holds, retries with backoff on 429, 5xx and dropped connections
/// (honouring `Retry-After`), compressed bodies, a size limit. Every response worth
/// keeping goes to the `HTTPDiskCache` before it is handed over.
public actor PoliteFetcher {
    private let transport: any HTTPTransport
    private let cache: HTTPDiskCache
    private let policy: FetchPolicy
    private let clock: any WallClock
    private let sleep: @Sendable (Duration) async -> Void
    /// Entries fetched since this time (seconds since the epoch) belong to this run or the
    /// unfinished one it continues, and are used without asking.
    private let runStart: Double

    private var robots: [String: RobotsRules] = [:]
    /// Why a host's robots.txt could not be read, for hosts it keeps the fetcher from.
    private var robotsFailures: [String: String] = [:]
    private var hosts: [String: HostSlot] = [:]
    public private(set) var counts = FetchCounts()

    /// One host's turn: whether a request is in flight, who waits, when the last began.
    private struct HostSlot {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var lastStart: Int64?
    }

    public init(transport: any HTTPTransport, cache: HTTPDiskCache, policy: FetchPolicy, clock: any WallClock,
                runStart: Double, sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }) {
        self.transport = transport
        self.cache = cache
        self.policy = policy
        self.clock = clock
        self.runStart = runStart
        self.sleep = sleep
    }

    /// The page at `url`: a 2xx, or a 404 or 410 (`isMissing`); anything else throws.
    public func get(_ url: String) async throws(FetchFailure) -> FetchedPage {
        guard let parts = URLParts(url) else { throw .badURL }
        let rules = await robotsRules(parts.origin)
        guard rules.allows(parts.pathAndQuery) else {
            throw robotsFailures[parts.origin].map(FetchFailure.robotsUnreadable) ?? .disallowed
        }
        return try await fetch(url, origin: parts.origin, crawlDelay: rules.crawlDelay)
    }

    private func robotsRules(_ origin: String) async -> RobotsRules {
        if let known = robots[origin] { return known }
        let rules: RobotsRules
        do {
            let page = try await fetch(origin + "/robots.txt", origin: origin, crawlDelay: nil)
            rules = page.isMissing ? .allowAll
                : RobotsRules(parsing: String(decoding: page.body, as: UTF8.self), agent: policy.agentToken)
        } catch .status(let code) where (400..<500).contains(code) && code != 429 {
            rules = .allowAll  // RFC 9309: an unavailable robots.txt allows everything
        } catch {
            rules = .disallowAll  // …and an unreachable one nothing
            robotsFailures[origin] = error.description
        }
        robots[origin] = rules
        return rules
    }

    private func fetch(_ url: String, origin: String, crawlDelay: Double?) async throws(FetchFailure) -> FetchedPage {
        let cached = cache.read(url)
        if let cached, usable(cached) {
            counts.fromCache += 1
            return FetchedPage(url: url, status: cached.status, body: cached.body, change: .same, origin: .cache)
        }
        var headers = [("User-Agent", policy.userAgent), ("Accept", "*/*")]
        if let cached, (200..<300).contains(cached.status) {
            if let etag = cached.etag { headers.append(("If-None-Match", etag)) }
            if let lastModified = cached.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        }
        let request = HTTPRequest(method: "GET", url: url, headers: headers, totalTimeout: policy.timeout,
                                  maxResponseBytes: policy.maxBytes, compressed: true, followRedirects: true)
        var attempt = 0
        while true {
            let outcome = await send(request, origin: origin, crawlDelay: crawlDelay)
            let wait: Duration
            let failure: FetchFailure
            switch outcome {
            case .success(let response):
                if let page = try keep(response, url: url, cached: cached) { return page }
                failure = .status(response.status)
                wait = max(policy.retry.delay(after: attempt, random: Double.random(in: 0.5..<1)),
                           RateLimitHeaders.retryAfter(headers: response.headers, now: clock.now()) ?? .zero)
            case .failure(let error):
                if let http = error as? HTTPFailure, case .tooLarge(let limit) = http { throw .tooLarge(limit) }
                // The URL is the failure's to name, once.
                failure = .transport(String(describing: error).replacingOccurrences(of: "\(url): ", with: ""))
                wait = policy.retry.delay(after: attempt, random: Double.random(in: 0.5..<1))
            }
            attempt += 1
            guard attempt < policy.retry.attempts else { throw failure }
            guard wait <= policy.longestRetryAfter else { throw .waitTooLong(wait) }
            counts.retries += 1
            await self.sleep(wait)
        }
    }

    /// Whether a cached entry may be used without asking.
    private func usable(_ entry: CachedResponse) -> Bool {
        if entry.fetchedAt >= runStart { return true }
        if policy.refresh { return false }
        let now = clock.seconds
        if entry.status == 404 || entry.status == 410 { return now < entry.fetchedAt + policy.missingLifetime }
        return entry.isFresh(at: now)
    }

    /// The page a response makes (kept in the cache), nil for one worth retrying; throws
    /// for a status that retrying will not change.
    private func keep(_ response: HTTPResponse, url: String, cached: CachedResponse?) throws(FetchFailure) -> FetchedPage? {
        let status = response.status
        let now = clock.seconds
        let maxAge = CachedResponse.lifetime(cacheControl: response.headers["cache-control"])
        if status == 429 || (500..<600).contains(status) { return nil }
        if status == 304, var entry = cached {
            entry.fetchedAt = now
            entry.maxAge = maxAge ?? entry.maxAge
            entry.etag = response.headers["etag"] ?? entry.etag
            entry.lastModified = response.headers["last-modified"] ?? entry.lastModified
            store(entry)
            counts.notModified += 1
            return FetchedPage(url: url, status: entry.status, body: entry.body, change: .same, origin: .revalidated)
        }
        guard (200..<300).contains(status) || status == 404 || status == 410 else { throw .status(status) }
        let body = (200..<300).contains(status) ? response.body : Data()
        let entry = CachedResponse(url: url, status: status, etag: response.headers["etag"],
                                   lastModified: response.headers["last-modified"], fetchedAt: now, maxAge: maxAge, body: body)
        store(entry)
        if (200..<300).contains(status) { counts.downloaded += 1 }
        let change: FetchedPage.Change = cached == nil ? .new
            : cached!.status == status && cached!.body == body ? .same : .changed
        return FetchedPage(url: url, status: status, body: body, change: change, origin: .network)
    }

    /// A cache that cannot be written costs the next run a download, not this one its page.
    private func store(_ entry: CachedResponse) {
        try? cache.write(entry)
    }

    // MARK: One request at a time per host

    private func send(_ request: HTTPRequest, origin: String, crawlDelay: Double?) async -> Result<HTTPResponse, any Error> {
        await takeTurn(origin, crawlDelay: crawlDelay)
        defer { endTurn(origin) }
        counts.requests += 1
        do {
            return .success(try await transport.send(request))
        } catch {
            return .failure(error)
        }
    }

    private func takeTurn(_ origin: String, crawlDelay: Double?) async {
        if hosts[origin, default: HostSlot()].busy {
            await withCheckedContinuation { hosts[origin, default: HostSlot()].waiting.append($0) }
        }
        hosts[origin, default: HostSlot()].busy = true
        let gap = max(policy.delay, .milliseconds(Int64((crawlDelay ?? 0) * 1000)))
        if let last = hosts[origin]?.lastStart {
            let due = last + Int64(gap.components.seconds) * 1_000_000_000 + gap.components.attoseconds / 1_000_000_000
            let now = clock.nanosecondsSinceEpoch()
            if due > now { await self.sleep(.nanoseconds(due - now)) }
        }
        hosts[origin]?.lastStart = clock.nanosecondsSinceEpoch()
    }

    /// Hands the host to the next waiter (still busy), or frees it.
    private func endTurn(_ origin: String) {
        if hosts[origin]?.waiting.isEmpty == false {
            hosts[origin]!.waiting.removeFirst().resume()
        } else {
            hosts[origin]?.busy = false
        }
    }
}

extension WallClock {
    /// Now, in seconds since the epoch.
    public var seconds: Double { Double(nanosecondsSinceEpoch()) / 1e9 }
}

/// The parts of an http(s) URL the fetcher needs: its origin (scheme, host, port) and
/// the path with its query, as robots.txt rules match them.
struct URLParts {
    var origin: String
    var pathAndQuery: String

    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return nil }
        origin = "\(scheme)://\(host.lowercased())" + (components.port.map { ":\($0)" } ?? "")
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        pathAndQuery = path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
