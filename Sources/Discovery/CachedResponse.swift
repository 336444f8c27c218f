import Foundation

/// One response as the HTTP cache keeps it: enough to answer again without asking
/// (`fetchedAt` and `maxAge`) and to ask cheaply (`etag`, `lastModified`).
public struct CachedResponse: Sendable, Equatable {
    public var url: String
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    /// When it was received or last confirmed (304), in seconds since the epoch.
    public var fetchedAt: Double
    /// How long it may be used without asking again (Cache-Control `max-age`), in seconds.
    public var maxAge: Double?
    public var body: Data

    public init(url: String, status: Int, etag: String?, lastModified: String?, fetchedAt: Double, maxAge: Double?, body: Data) {
        self.url = url
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
        self.maxAge = maxAge
        self.body = body
    }

    /// Whether it may be used at `now` without asking the server.
    public func isFresh(at now: Double) -> Bool {
        guard let maxAge else { return false }
        return now < fetchedAt + maxAge
    }

    /// The `max-age` of a Cache-Control header; 0 for `no-cache` and `no-store`.
    public static func lifetime(cacheControl: String?) -> Double? {
        guard let cacheControl else { return nil }
        var age: Double?
        for directive in cacheControl.lowercased().split(separator: ",") {
            let part = directive.trimmingCharacters(in: .whitespaces)
            if part == "no-cache" || part == "no-store" { return 0 }
            if part.hasPrefix("max-age="), let seconds = Double(part.dropFirst("max-age=".count)) { age = max(0, seconds) }
        }
        return age
    }
}
