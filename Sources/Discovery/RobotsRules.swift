import Foundation

/// A site's robots.txt as it applies to one crawler (RFC 9309): the group naming the
/// crawler's product token, else the `*` group; the longest matching rule decides, and
/// `Allow` wins a tie. `*` matches any run of characters and a final `$` the path's end.
public struct RobotsRules: Sendable, Equatable {
    struct Rule: Sendable, Equatable {
        var allow: Bool
        var pattern: String
    }

    var rules: [Rule]
    /// `Crawl-delay` of the group, in seconds, when it gives one.
    public var crawlDelay: Double?

    /// Everything allowed: no robots.txt (a 4xx answer), or an empty one.
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Nothing allowed: what RFC 9309 asks of a crawler whose robots.txt will not load (5xx).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)

    /// The rules of `text` for the crawler whose product token is `agent` (`scrollbuild`).
    public init(parsing text: String, agent: String) {
        var groups: [(agents: [String], rules: [Rule], delay: Double?)] = []
        var collectingAgents = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "user-agent":
                if !collectingAgents { groups.append(([], [], nil)) }
                groups[groups.count - 1].agents.append(value.lowercased())
                collectingAgents = true
            case "allow", "disallow":
                collectingAgents = false
                guard !groups.isEmpty, !value.isEmpty else { continue }  // an empty Disallow allows all
                groups[groups.count - 1].rules.append(Rule(allow: field == "allow", pattern: value))
            case "crawl-delay":
                collectingAgents = false
                if !groups.isEmpty, let seconds = Double(value), seconds >= 0 { groups[groups.count - 1].delay = seconds }
            default:
                continue
            }
        }
        let token = agent.lowercased()
        let named = groups.filter { $0.agents.contains { $0 != "*" && token.hasPrefix($0) } }
        let chosen = named.isEmpty ? groups.filter { $0.agents.contains("*") } : named
        rules = chosen.flatMap(\.rules)
        crawlDelay = chosen.compactMap(\.delay).max()
    }

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Whether the crawler may fetch `path` (with its query, as the URL has it).
    public func allows(_ path: String) -> Bool {
        var best: Rule?
        for rule in rules where RobotsRules.matches(rule.pattern, path) {
            if let current = best {
                if rule.pattern.count > current.pattern.count || (rule.pattern.count == current.pattern.count && rule.allow) {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Whether `pattern` matches the start of `path` (or all of it, with a final `$`).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (i, piece) in pieces.enumerated() {
            if i == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if i == pieces.count - 1 && anchored {
                return rest.hasSuffix(piece)
            } else {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return !anchored || rest.isEmpty
    }
}
