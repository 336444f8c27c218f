import LLM

/// How politely the discovery fetches: who it says it is, how long it waits between two
/// requests to one host, how it retries, what it refuses to download.
public struct FetchPolicy: Sendable {
    /// `scrollbuild/<version> (+<contact>)`: robots.txt groups are matched on `scrollbuild`.
    public var userAgent: String
    /// The least time between the starts of two requests to one host (a robots.txt
    /// `Crawl-delay` can make it longer, never shorter).
    public var delay: Duration = .milliseconds(500)
    /// Attempts per page on 429, 5xx, a timeout or a dropped connection, with backoff;
    /// a `Retry-After` longer than the backoff is honoured, up to `longestRetryAfter`.
    public var retry = RetryPolicy(attempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(30))
    public var longestRetryAfter: Duration = .seconds(300)
    /// The most bytes one response may have (after decompression).
    public var maxBytes = 16 << 20
    public var timeout: Duration = .seconds(30)
    /// Ask again about every cached page (a conditional request), however fresh.
    public var refresh = false
    /// How long a 404 or 410 is believed without asking again, in seconds.
    public var missingLifetime: Double = 86_400

    public init(userAgent: String) {
        self.userAgent = userAgent
    }

    /// The user agent of this version, with the contact URL the project gives.
    public static func userAgent(version: String, contact: String?) -> String {
        "scrollbuild/\(version)" + (contact.map { " (+\($0))" } ?? "")
    }

    /// The robots.txt product token.
    var agentToken: String { "scrollbuild" }
}
