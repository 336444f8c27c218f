import Foundation

/// Every link a page emits goes through here: page links are built from a slug with all
/// but unreserved characters percent-encoded (so `javascript:alert(1).md` is a file
/// name, never a scheme), and any other URL must be relative or http, https or mailto.
public enum Href {
    /// `<slug>.html`, with the slug percent-encoded.
    public static func page(_ slug: String) -> String { encoded(slug) + ".html" }

    /// A path segment percent-encoded: letters, digits and `-._~` stay.
    public static func encoded(_ segment: String) -> String {
        // Most slugs need no encoding: checked byte by byte, without Foundation.
        if segment.utf8.allSatisfy(isUnreserved) { return segment }
        return segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// `url` when it is relative or its scheme is allowed; otherwise `#`, a link to nowhere
    /// that is not a script.
    public static func checked(_ url: String) -> String {
        guard let colon = url.firstIndex(of: ":") else { return url }
        let head = url[..<colon]
        // A colon after a `/`, `?` or `#` is inside a relative URL, not a scheme.
        if head.contains(where: { "/?#".contains($0) }) { return url }
        return allowedSchemes.contains(head.lowercased()) ? url : "#"
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]
    private static let unreserved = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
