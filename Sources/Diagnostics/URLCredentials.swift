import Foundation

/// Credentials written into a URL (`https://user:password@host/`): taken out before a
/// URL is stored, and shown as `https://[redacted]@host/` wherever one is printed.
public enum URLCredentials {
    /// `text` with the user-information part of every URL in it replaced.
    public static func redact(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacingOccurrences(of: #"([A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@"#, with: "$1[redacted]@",
                                         options: .regularExpression)
    }

    /// The URL without its user information, and that information (`user:password`),
    /// if it has any.
    public static func split(_ url: String) -> (url: String, userinfo: String?) {
        guard let scheme = url.range(of: "://") else { return (url, nil) }
        let authorityEnd = url[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return (url, nil) }
        let userinfo = String(url[scheme.upperBound..<at])
        return (String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...]), userinfo)
    }
}
