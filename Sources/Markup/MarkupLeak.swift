import Foundation

/// Source markup that survived into text a reader sees: the checks issue 11's rubric and
/// its tests run over module pages. Each finding names its kind and the text it matched.
public struct MarkupLeak: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// ``` ``Symbol`` ```: a DocC symbol link left as text.
        case symbolLink = "DocC symbol link"
        /// `configuration-35km1`, `run()-7p2fr`: a DocC disambiguation suffix.
        case disambiguation = "DocC disambiguation suffix"
        /// A line of `===` or `----` alone: a setext heading's underline.
        case setextUnderline = "setext underline"
        /// `:twisted_rightwards_arrows:`: an emoji shortcode.
        case emojiShortcode = "emoji shortcode"
        /// `[open an issue][issue]`, `[#310]: https://…`: a reference link never resolved.
        case referenceLink = "unresolved reference link"
        /// `&amp;`, `&#39;` seen as text: an entity escaped twice.
        case entity = "escaped entity"
        /// `` :class:`Session` ``, `` `text <url>`_ ``, a paragraph ending in `::`: reST left as text.
        case restructuredText = "reST markup"
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public var description: String { "\(kind.rawValue): \(text)" }

    /// Every leak in `text`, the visible text of a page (HTML already decoded), in order of
    /// kind, then of place.
    public static func scan(_ text: String) -> [MarkupLeak] {
        let range = NSRange(text.startIndex..., in: text)
        return Kind.allCases.flatMap { kind in
            pattern(kind).matches(in: text, range: range).compactMap { match in
                Range(match.range, in: text).map { MarkupLeak(kind: kind, text: String(text[$0])) }
            }
        }
    }

    private static func pattern(_ kind: Kind) -> NSRegularExpression {
        switch kind {
        case .symbolLink: symbolLink
        case .disambiguation: disambiguation
        case .setextUnderline: setextUnderline
        case .emojiShortcode: emojiShortcode
        case .referenceLink: referenceLink
        case .entity: entity
        case .restructuredText: restructuredText
        }
    }

    // A suffix of 4 to 6 lower-case letters and digits with at least one of each, after a
    // name or a call (`well-known`, `utf-8`, `sha-256`, `x86-64` are not suffixes).
    private static let symbolLink = regex("``[^`\\s][^`]*``")
    private static let disambiguation =
        regex("\\b[A-Za-z_][A-Za-z0-9_]*(?:\\([^()\\s]*\\))?-(?=[a-z0-9]{0,5}[0-9])(?=[a-z0-9]{0,5}[a-z])[a-z0-9]{4,6}\\b")
    private static let setextUnderline = regex("(?m)^[ \\t]*(?:={3,}|-{4,})[ \\t]*$")
    private static let emojiShortcode = regex("(?<![\\w/:]):[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\\w/`])")
    private static let referenceLink = regex("\\[[^\\]\\n]+\\]\\[[^\\]\\n]*\\]|(?m)^[ \\t]*\\[[^\\]\\n]+\\]:[ \\t]*\\S+")
    private static let restructuredText =
        regex("(?<![\\w`]):[a-z]+(?::[a-z]+)?:`[^`]|`[^`\\n]+ <[^>`\\n]+>`_{0,2}|(?m:[A-Za-z)]::[ \\t]*$)")
    private static let entity = regex("&(?:[A-Za-z]{2,8}|#[0-9]{1,6}|#x[0-9A-Fa-f]{1,6});")

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file: one that does not compile is a bug here.
        try! NSRegularExpression(pattern: pattern)
    }
}
