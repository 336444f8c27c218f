/// What the search index keeps of a Markdown text, found by one pass over its lines (no
/// parse: the index is built for every page of every course): its headings, and its first
/// words with the markup taken out (code blocks, link targets, emphasis marks).
public struct SearchText: Sendable, Equatable {
    public var headings: [String]
    public var excerpt: String

    public init(_ markdown: String, words limit: Int) {
        var headings: [String] = []
        var words: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop { $0 == " " }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if let open = fence {
                if marker.count >= open.count, marker.first == open.first { fence = nil }
                continue
            }
            if marker.count >= 3 { fence = marker; continue }
            if trimmed.hasPrefix("#") {
                let text = trimmed.drop { $0 == "#" }.drop { $0 == " " }
                if !text.isEmpty { headings.append(SearchText.plain(text)) }
                continue
            }
            if words.count < limit {
                words += SearchText.plain(trimmed).split(separator: " ").prefix(limit - words.count)
            }
        }
        self.headings = headings
        excerpt = words.joined(separator: " ")
    }

    /// A line without its Markdown: `[text](target)` as text, no images, no emphasis or
    /// code marks, no list or quote markers.
    static func plain(_ line: Substring) -> String {
        var out = ""
        var chars = line.drop { $0 == ">" || $0 == " " }[...]
        if let first = chars.first, "-*+".contains(first), chars.dropFirst().first == " " { chars = chars.dropFirst(2) }
        var index = chars.startIndex
        while index < chars.endIndex {
            let c = chars[index]
            if c == "!", chars[chars.index(after: index)...].first == "[" {
                // An image: skip it whole.
                if let close = chars[index...].firstIndex(of: ")") { index = chars.index(after: close); continue }
            }
            if c == "]", chars[chars.index(after: index)...].first == "(",
               let close = chars[index...].firstIndex(of: ")") {
                index = chars.index(after: close)
                continue
            }
            if !"[*_`".contains(c) { out.append(c) }
            index = chars.index(after: index)
        }
        return out.split(separator: " ").joined(separator: " ")
    }
}
