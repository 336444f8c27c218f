import Foundation

/// A page as the fetcher hands it over.
public struct FetchedPage: Sendable {
    public enum Change: Sendable, Equatable {
        /// Never fetched before.
        case new
        /// Different from the cached copy.
        case changed
        /// As the cached copy (a 304, or the same bytes again).
        case same
    }

    public enum Origin: Sendable, Equatable {
        /// From the cache without a request (fresh, or fetched earlier in this run).
        case cache
        /// A conditional request answered 304.
        case revalidated
        /// A body from the network.
        case network
    }

    public var url: String
    /// 200 or another 2xx; 404 or 410 for a page that is not there.
    public var status: Int
    public var body: Data
    public var change: Change
    public var origin: Origin

    public var isMissing: Bool { status == 404 || status == 410 }
}

/// Why a page could not be fetched.
public enum FetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// robots.txt disallows it (never requested).
    case disallowed
    /// The host's robots.txt could not be read (5xx, no connection): RFC 9309 has a
    /// crawler fetch nothing there.
    case robotsUnreadable(String)
    /// The server answered with this status, after every retry.
    case status(Int)
    /// No answer: a timeout, a dropped connection, a body cut short (after every retry).
    case transport(String)
    /// The body passed the size limit.
    case tooLarge(Int)
    /// The server asked for a wait longer than the fetcher accepts.
    case waitTooLong(Duration)
    case badURL

    public var description: String {
        switch self {
        case .disallowed: "robots.txt disallows it"
        case .robotsUnreadable(let reason): "robots.txt could not be read (\(reason)), so nothing is fetched from this host"
        case .status(let code): "the server answered \(code)"
        case .transport(let reason): reason
        case .tooLarge(let limit): "larger than \(limit / 1_048_576) MB"
        case .waitTooLong(let wait): "the server asked to wait \(Int(wait.components.seconds)) s"
        case .badURL: "not an http:// or https:// URL"
        }
    }
}

/// What the fetcher has done so far.
public struct FetchCounts: Sendable, Equatable {
    /// Requests sent, retries included.
    public var requests = 0
    /// Bodies received (2xx).
    public var downloaded = 0
    /// Conditional requests answered 304.
    public var notModified = 0
    /// Pages answered from the cache without a request.
    public var fromCache = 0
    public var retries = 0

    public init() {}
}
