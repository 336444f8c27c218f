import Foundation

/// The limits a provider reports with each reply (`x-ratelimit-remaining-requests`,
/// `x-ratelimit-reset-requests`, and the same for tokens), and how long it asks a
/// refused client to wait (`retry-after-ms`, else `Retry-After`).
public struct RateLimitHeaders: Sendable, Equatable {
    public var remainingRequests: Int?
    public var resetRequests: Duration?
    public var remainingTokens: Int?
    public var resetTokens: Duration?

    public init(remainingRequests: Int? = nil, resetRequests: Duration? = nil,
                remainingTokens: Int? = nil, resetTokens: Duration? = nil) {
        self.remainingRequests = remainingRequests
        self.resetRequests = resetRequests
        self.remainingTokens = remainingTokens
        self.resetTokens = resetTokens
    }

    /// Reads them from response headers (names in lower case); nil when there are none.
    public init?(headers: [String: String]) {
        remainingRequests = headers["x-ratelimit-remaining-requests"].flatMap { Int($0) }
        resetRequests = headers["x-ratelimit-reset-requests"].flatMap(RateLimitHeaders.duration)
        remainingTokens = headers["x-ratelimit-remaining-tokens"].flatMap { Int($0) }
        resetTokens = headers["x-ratelimit-reset-tokens"].flatMap(RateLimitHeaders.duration)
        if remainingRequests == nil, remainingTokens == nil { return nil }
    }

    /// How long the provider wants the client to wait: `retry-after-ms` first, then
    /// `Retry-After` as seconds or as an HTTP date (measured from `now`).
    public static func retryAfter(headers: [String: String], now: Date) -> Duration? {
        if let ms = headers["retry-after-ms"].flatMap(Double.init), ms >= 0 { return .milliseconds(ms) }
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(seconds * 1000) }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "GMT")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = format.date(from: value) else { return nil }
        return .milliseconds(max(0, date.timeIntervalSince(now)) * 1000)
    }

    /// `6m0s`, `1.5s`, `20ms`, `1h2m3s`, or a plain number of seconds.
    public static func duration(_ text: String) -> Duration? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text) { return seconds >= 0 ? .milliseconds(seconds * 1000) : nil }
        var total = 0.0
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let c = rest.first {
            if c.isNumber || c == "." {
                number.append(c)
                rest = rest.dropFirst()
                continue
            }
            let unit: String
            if rest.hasPrefix("ms") { unit = "ms" } else if rest.hasPrefix("us") { unit = "us" }
            else if rest.hasPrefix("ns") { unit = "ns" } else { unit = String(c) }
            guard let value = Double(number) else { return nil }
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1000
            case "us": total += value / 1_000_000
            case "ns": total += value / 1_000_000_000
            default: return nil
            }
            number = ""
            rest = rest.dropFirst(unit.count)
        }
        guard number.isEmpty else { return nil }
        return .milliseconds(total * 1000)
    }
}
