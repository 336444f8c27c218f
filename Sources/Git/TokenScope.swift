import Foundation

/// Where the git token may go: only over HTTPS, only to the hosts scrollbuild.yml lists
/// (`git.token_hosts`, by default github.com), and only to the host the course names,
/// so a redirect to another host never receives it.
public struct TokenScope: Sendable, Equatable {
    /// Lower-case host names.
    public var hosts: Set<String>

    public static let defaultHosts = ["github.com"]

    public init(hosts: [String] = TokenScope.defaultHosts) {
        self.hosts = Set(hosts.map { $0.lowercased() })
    }

    /// True when the token may answer a request for credentials from `url` while
    /// fetching `location`.
    public func allows(url: String, location: String) -> Bool {
        guard let asking = TokenScope.httpsAuthority(url), let fetched = TokenScope.httpsAuthority(location) else {
            return false
        }
        return asking.host == fetched.host && asking.port == fetched.port && hosts.contains(asking.host)
    }

    /// The host and port of an `https:` URL; nil for any other scheme.
    static func httpsAuthority(_ url: String) -> (host: String, port: Int)? {
        guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "https",
              let host = parts.host?.lowercased(), !host.isEmpty else { return nil }
        return (host, parts.port ?? 443)
    }
}
