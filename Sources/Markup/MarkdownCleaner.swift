import Foundation

/// Markdown as documentation sets write it, made plain CommonMark that reads well on its
/// own page: reference links resolved (or reduced to their text), DocC symbol links made
/// code spans without their disambiguation suffixes, `<doc:Name>` made a link, DocC
/// directives read or flattened, DocC asides and MkDocs admonitions made notes, emoji
/// shortcodes made emoji, mdBook includes that point outside the folder reported.
/// Code blocks and code spans are left exactly as written.
public enum MarkdownCleaner {
    public static func clean(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (kept, definitions) = referenceDefinitions(lines)
        let prose = definitions.isEmpty ? kept : resolvingReferences(kept, definitions)
        var out: [String] = []
        var fence: String?
        var directiveDepth: [Bool] = []  // per open `@Directive {`: true when its content is dropped
        var admonition: Int?  // the indentation of an open MkDocs admonition's body
        for line in prose {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                // A code block inside an admonition stays inside its note.
                if let indent = admonition { out.append(trimmed.isEmpty ? ">" : "> " + dedent(line, by: indent)) } else { out.append(line) }
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                continue
            }
            if let marker = fenceMarker(trimmed) {
                fence = marker
                if let indent = admonition, indentation(line) >= indent {
                    out.append("> " + dedent(line, by: indent))
                } else {
                    if admonition != nil { out.append("") }
                    admonition = nil
                    out.append(line)
                }
                continue
            }
            if let indent = admonition {
                if trimmed.isEmpty { out.append(">"); continue }
                if indentation(line) >= indent { out.append("> " + inline(trimmed, definitions)); continue }
                admonition = nil
                out.append("")
            }
            if let directive = Directive(trimmed) {
                if directive.closesAtOnce { if let replacement = directive.replacement { out.append(replacement) }; continue }
                directiveDepth.append(directive.dropsContent)
                if let replacement = directive.replacement { out.append(replacement) }
                continue
            }
            if trimmed == "}", !directiveDepth.isEmpty { directiveDepth.removeLast(); continue }
            if directiveDepth.contains(true) { continue }
            if let (title, kind) = mkdocsAdmonition(trimmed) {
                admonition = indentation(line) + 4
                out.append("> **\(title.isEmpty ? kind : "\(kind): \(title)")**")
                out.append(">")
                continue
            }
            out.append(inline(directiveDepth.isEmpty ? line : dedent(line, by: 4 * directiveDepth.count), definitions))
        }
        return out.joined(separator: "\n")
    }

    // MARK: Reference links

    /// The lines without their link reference definitions, and the definitions by label.
    static func referenceDefinitions(_ lines: [String]) -> ([String], [String: String]) {
        var definitions: [String: String] = [:]
        var kept: [String] = []
        var fence: String?
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                kept.append(line)
                continue
            }
            if let marker = fenceMarker(trimmed) { fence = marker; kept.append(line); continue }
            let range = NSRange(line.startIndex..., in: line)
            if indentation(line) < 4, let match = definitionPattern.firstMatch(in: line, range: range),
               let label = Range(match.range(at: 1), in: line), let url = Range(match.range(at: 2), in: line) {
                let key = normalized(String(line[label]))
                if definitions[key] == nil { definitions[key] = String(line[url]).trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
                continue
            }
            kept.append(line)
        }
        return (kept, definitions)
    }

    private static func normalized(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Inline

    /// One line of prose: code spans kept as they are, the rest cleaned.
    static func inline(_ line: String, _ definitions: [String: String]) -> String {
        var result = ""
        var rest = Substring(line)
        // ``Symbol`` is DocC's, not a code span of one backtick pair: handle it first.
        while let open = rest.firstIndex(of: "`") {
            result += cleanText(String(rest[..<open]), definitions)
            let run = rest[open...].prefix { $0 == "`" }
            let after = rest[run.endIndex...]
            guard let close = after.range(of: String(run)) else {
                result += String(rest[open...])
                return result
            }
            let content = String(after[..<close.lowerBound])
            if run.count == 2, !content.contains("`"), !content.hasPrefix(" ") {
                result += "`" + symbolName(content) + "`"
            } else {
                result += String(rest[open..<close.upperBound])
            }
            rest = after[close.upperBound...]
        }
        return result + cleanText(String(rest), definitions)
    }

    /// The lines with reference links resolved in each run of prose between code fences,
    /// so a link whose text wraps onto the next line is resolved too.
    static func resolvingReferences(_ lines: [String], _ definitions: [String: String]) -> [String] {
        var out: [String] = []
        var run: [String] = []
        var fence: String?
        func flush() {
            if !run.isEmpty { out += references(run.joined(separator: "\n"), definitions).components(separatedBy: "\n") }
            run = []
        }
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                out.append(line)
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
            } else if let marker = fenceMarker(trimmed) {
                flush()
                fence = marker
                out.append(line)
            } else {
                run.append(line)
            }
        }
        flush()
        return out
    }

    /// `[text][label]`, `[label][]`, and `[label]` when label is defined, as inline links;
    /// a full reference with no definition as its text. (Link text may hold code spans.)
    private static func references(_ text: String, _ definitions: [String: String]) -> String {
        guard text.contains("]") else { return text }
        let full = fullReferencePattern.replacingMatches(in: text) { groups in
            let label = groups[2].isEmpty ? groups[1] : groups[2]
            guard let url = definitions[normalized(label)] else { return groups[1] }
            return "[\(groups[1])](\(url))"
        }
        return shortcutReferencePattern.replacingMatches(in: full) { groups in
            guard let url = definitions[normalized(groups[1])] else { return groups[0] }
            return "[\(groups[1])](\(url))"
        }
    }

    /// `Logging/Logger/info(_:)-7p2fr` → `Logger.info(_:)`: DocC's path without the module
    /// when the path has more than one part, joined with dots, disambiguation suffixes gone.
    public static func symbolName(_ path: String) -> String {
        var parts = path.split(separator: "/").map { strippingDisambiguation(String($0)) }
        if parts.count > 2 { parts.removeFirst(parts.count - 2) }
        return parts.joined(separator: ".")
    }

    public static func strippingDisambiguation(_ name: String) -> String {
        let range = NSRange(name.startIndex..., in: name)
        return disambiguationPattern.stringByReplacingMatches(in: name, range: range, withTemplate: "")
    }

    private static func cleanText(_ text: String, _ definitions: [String: String]) -> String {
        guard !text.isEmpty else { return text }
        var text = text
        // <doc:GettingStarted> → [Getting Started](doc:GettingStarted)
        text = docLinkPattern.replacingMatches(in: text) { groups in
            let name = groups[1].split(separator: "/").last.map(String.init) ?? groups[1]
            return "[\(humanized(strippingDisambiguation(name)))](doc:\(groups[1]))"
        }
        text = includePattern.replacingMatches(in: text) { groups in
            "(the original page includes `\(groups[2])` here; it is not part of this course)"
        }
        text = shortcodePattern.replacingMatches(in: text) { groups in Emoji.table[groups[1]] ?? "" }
        return text
    }

    /// `GettingStarted` → `Getting Started`; `getting-started` → `Getting started`.
    public static func humanized(_ name: String) -> String {
        var words = ""
        let characters = Array(name)
        for (i, c) in characters.enumerated() {
            if c == "-" || c == "_" { words.append(" "); continue }
            let previous = i > 0 ? characters[i - 1] : " ", next = i + 1 < characters.count ? characters[i + 1] : " "
            // A capital starts a word after a small letter, and ends an acronym before one.
            if c.isUppercase, previous.isLowercase || (previous.isUppercase && next.isLowercase) { words.append(" ") }
            words.append(c)
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: Blocks

    static func fenceMarker(_ trimmed: String) -> String? {
        for mark in ["```", "~~~"] where trimmed.hasPrefix(mark) {
            return String(trimmed.prefix { $0 == mark.first })
        }
        return nil
    }

    static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " || $0 == "\t" }.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
    }

    static func dedent(_ line: String, by count: Int) -> String {
        var dropped = 0
        return String(line.drop { c in
            guard dropped < count, c == " " || c == "\t" else { return false }
            dropped += c == "\t" ? 4 : 1
            return true
        })
    }

    /// `!!! note "Title"` or `??? tip`: MkDocs' admonitions (and Material's collapsible ones).
    private static func mkdocsAdmonition(_ trimmed: String) -> (String, String)? {
        guard trimmed.hasPrefix("!!! ") || trimmed.hasPrefix("??? ") || trimmed.hasPrefix("???+ ") else { return nil }
        let rest = trimmed.drop { $0 != " " }.trimmingCharacters(in: .whitespaces)
        let kind = rest.prefix { $0 != " " && $0 != "\"" }
        let title = rest.dropFirst(kind.count).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        return (title, kind.prefix(1).uppercased() + kind.dropFirst())
    }


    private static let definitionPattern =
        try! NSRegularExpression(pattern: #"^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*$"#)
    private static let fullReferencePattern =
        try! NSRegularExpression(pattern: #"(?<!!)\[([^\]]+)\]\[([^\]]*)\]"#)
    private static let shortcutReferencePattern =
        try! NSRegularExpression(pattern: #"(?<![!\]\\])\[([^\]^]+)\](?![(\[])"#)
    /// mdBook's `{{#include file.md}}`, `{{#rustdoc_include …}}`, `{{#playground …}}`.
    private static let includePattern =
        try! NSRegularExpression(pattern: #"\{\{#(include|rustdoc_include|playground|template)\s+([^}\s:]+)[^}]*\}\}"#)
    private static let docLinkPattern = try! NSRegularExpression(pattern: #"<doc:([^>\s]+)>"#)
    private static let shortcodePattern =
        try! NSRegularExpression(pattern: #"(?<![\w/:]):([a-z0-9_+-]*[a-z][a-z0-9_+-]*):(?![\w/])"#)
    private static let disambiguationPattern =
        try! NSRegularExpression(pattern: #"-(?:swift\.[a-z]+(?:\.[a-z]+)?|(?=[a-z0-9]{0,5}[0-9])(?=[a-z0-9]{0,5}[a-z])[a-z0-9]{4,6})$"#)
}

/// A DocC directive line: `@Metadata {`, `@Row {`, `@Image(source: "x.png", alt: "A")`.
struct Directive {
    var name: String
    var arguments: String
    var opensBlock: Bool

    init?(_ trimmed: String) {
        guard trimmed.hasPrefix("@"), let first = trimmed.dropFirst().first, first.isUppercase else { return nil }
        let name = trimmed.dropFirst().prefix { $0.isLetter || $0.isNumber }
        var rest = trimmed.dropFirst(1 + name.count).trimmingCharacters(in: .whitespaces)
        var arguments = ""
        if rest.hasPrefix("("), let close = rest.lastIndex(of: ")") {
            arguments = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = String(rest[rest.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        }
        guard rest.isEmpty || rest == "{" || rest == "{}" else { return nil }
        self.name = String(name)
        self.arguments = arguments
        opensBlock = rest == "{"
    }

    /// Directives that hold settings, not text: read (by the title rule) or left out.
    private static let settings: Set<String> = [
        "Metadata", "Options", "Comment", "TechnologyRoot", "PageImage", "PageColor", "PageKind", "CallToAction",
        "DisplayName", "DocumentationExtension", "Available", "SupportedLanguage", "TitleHeading", "AutomaticSeeAlso",
        "AutomaticTitleHeading", "AutomaticArticleSubheading", "TopicsVisualStyle", "Redirected", "CurrentPlatform",
    ]

    var dropsContent: Bool { Directive.settings.contains(name) }
    var closesAtOnce: Bool { !opensBlock }

    /// What the directive's line becomes: an image for `@Image`, a small heading for a
    /// tab, nothing for the rest (their content, if any, stays).
    var replacement: String? {
        switch name {
        case "Image":
            let source = argument("source") ?? ""
            return source.isEmpty ? nil : "![\(argument("alt") ?? "")](\(source))"
        case "Tab", "Step", "Section":
            return arguments.isEmpty ? nil : "**" + arguments.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) + "**"
        default:
            return nil
        }
    }

    /// A named argument's quoted value: `source: "x.png"` → `x.png`.
    func argument(_ label: String) -> String? {
        guard let start = arguments.range(of: label + ":") else { return nil }
        let after = arguments[start.upperBound...].drop { $0 == " " }
        guard after.first == "\"" else { return String(after.prefix { $0 != "," && $0 != ")" }) }
        return String(after.dropFirst().prefix { $0 != "\"" })
    }
}
