/// What the search index keeps of a Markdown text, found by one pass over its lines (no
/// parse: the index is built for every page of every course): its headings, and its first
/// words with the markup taken out (code blocks, link targets, emphasis marks).
public struct SearchText: Sendable, Equatable {
    public var headings: [String]
    public var excerpt: String

    public init(_ markdown: String, words limit: Int) {
        var headings: [String] = []
        var words: [Substring] = []
        var fence: (byte: UInt8, count: Int)?
        // Lines are found in the UTF-8 bytes (no grapheme breaking): most of a page is
        // only looked at for a '#' or a fence at the start of its lines.
        let utf8 = markdown.utf8
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 10) ?? utf8.endIndex
            var i = lineStart
            while i < lineEnd, utf8[i] == 32 { i = utf8.index(after: i) }
            let first = i < lineEnd ? utf8[i] : 0
            var run = 0
            if first == 96 || first == 126 {  // ` or ~
                var j = i
                while j < lineEnd, utf8[j] == first { run += 1; j = utf8.index(after: j) }
            }
            if let open = fence {
                if run >= open.count, first == open.byte { fence = nil }
            } else if run >= 3 {
                fence = (first, run)
            } else if first == 35 {  // #
                let text = markdown[i..<lineEnd].drop { $0 == "#" }.drop { $0 == " " }
                if !text.isEmpty { headings.append(SearchText.plain(text.prefix(200))) }
            } else if words.count < limit, i < lineEnd {
                // A paragraph is one long line: only its start can hold the words still wanted.
                let wanted = limit - words.count
                words += SearchText.plain(markdown[i..<lineEnd].prefix(wanted * 24)).split(separator: " ").prefix(wanted)
            }
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        self.headings = headings
        excerpt = words.joined(separator: " ")
    }

    /// A line without its Markdown: `[text](target)` as text, no images, no emphasis or
    /// code marks, no list or quote markers. Byte by byte: this runs for every page.
    static func plain(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: " ") { i += 1 }
        if i + 1 < bytes.count, "-*+".utf8.contains(bytes[i]), bytes[i + 1] == UInt8(ascii: " ") { i += 2 }
        while i < bytes.count {
            let c = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            // An image whole, and a link's target.
            if (c == UInt8(ascii: "!") && next == UInt8(ascii: "[")) || (c == UInt8(ascii: "]") && next == UInt8(ascii: "(")),
               let close = bytes[i...].firstIndex(of: UInt8(ascii: ")")) {
                i = close + 1
                continue
            }
            if !"[*_`".utf8.contains(c) { out.append(c) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self).split(separator: " ").joined(separator: " ")
    }
}
