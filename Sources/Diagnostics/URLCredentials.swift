import Foundation

/// Credentials written into a URL (`https://user:password@host/`): taken out before a
/// URL is stored, and shown as `https://[redacted]@host/` wherever one is printed.
public enum URLCredentials {
    /// `text` with the user-information part of every URL in it replaced.
    public static func redact(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacingOccurrences(of: #"([A-Za-z][A-Za-z0-9+.-]*://)[^/\s]+@"#, with: "$1[redacted]@",
                                         options: .regularExpression)
    }

    /// The URL without its user information, and that information (`user:password`),
    /// if it has any. A password that was not percent-encoded may hold `@`, `/`, `?`, `#`
    /// or spaces: the user information ends at the first `@` that a host (and port)
    /// follows, up to a `/` or the end, and it must hold a `:` or no `/` (so a path with an
    /// `@`, as in `/v1/@scope`, stays a path).
    public static func split(_ url: String) -> (url: String, userinfo: String?) {
        guard let scheme = url.range(of: "://") else { return (url, nil) }
        var at = url[scheme.upperBound...].firstIndex(of: "@")
        while let found = at {
            let rest = url[url.index(after: found)...]
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let userinfo = url[scheme.upperBound..<found]
            if !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-_:[]%".contains($0) }),
               userinfo.contains(":") || !userinfo.contains("/") {
                return (String(url[..<scheme.upperBound]) + String(rest), String(userinfo))
            }
            at = rest.firstIndex(of: "@")
        }
        return (url, nil)
    }
}
