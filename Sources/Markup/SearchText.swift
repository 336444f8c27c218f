#if canImport(Glibc)
import Glibc
#endif

/// What the search index keeps of a Markdown text, found by one pass over its lines (no
/// parse: the index is built for every page of every course): its headings, and its first
/// words with the markup taken out (code blocks, link targets, emphasis marks).
public struct SearchText: Sendable, Equatable {
    public var headings: [String]
    public var excerpt: String

    public init(_ markdown: String, words limit: Int) {
        var text = markdown
        // Lines are found in the UTF-8 bytes (no grapheme breaking, no index checks): most of
        // a page is only looked at for a '#' or a fence at the start of its lines.
        (headings, excerpt) = text.withUTF8 { SearchText.scan($0, words: limit) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, words limit: Int) -> (headings: [String], excerpt: String) {
        var headings: [String] = []
        var words: [Substring] = []
        var fence: (byte: UInt8, count: Int)?
        let end = bytes.count
        var lineStart = 0
        while lineStart < end {
            var lineEnd = lineStart
            if let base = bytes.baseAddress, let newline = memchr(base + lineStart, 10, end - lineStart) {
                lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            } else {
                lineEnd = end
            }
            var i = lineStart
            while i < lineEnd, bytes[i] == 32 { i += 1 }
            let first = i < lineEnd ? bytes[i] : 0
            var run = 0
            if first == 96 || first == 126 {  // ` or ~
                var j = i
                while j < lineEnd, bytes[j] == first { run += 1; j += 1 }
            }
            if let open = fence {
                if run >= open.count, first == open.byte { fence = nil }
            } else if run >= 3 {
                fence = (first, run)
            } else if first == 35 {  // #
                var t = i
                while t < lineEnd, bytes[t] == 35 { t += 1 }
                while t < lineEnd, bytes[t] == 32 { t += 1 }
                if t < lineEnd {
                    let cut = boundary(bytes, min(lineEnd, t + 800))
                    headings.append(plain(UnsafeBufferPointer(rebasing: bytes[t..<cut]), limit: 200))
                }
            } else if words.count < limit, i < lineEnd {
                // A paragraph is one long line: only its start can hold the words still wanted.
                let wanted = limit - words.count
                let cut = boundary(bytes, min(lineEnd, i + wanted * 24))
                let line = plain(UnsafeBufferPointer(rebasing: bytes[i..<cut]), limit: nil)
                words += line.split(separator: " ").prefix(wanted)
            }
            lineStart = lineEnd + 1
        }
        return (headings, words.joined(separator: " "))
    }

    /// `index`, moved back to the start of a character if it is inside one.
    private static func boundary(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var index = index
        while index > 0, index < bytes.count, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    /// A line without its Markdown: `[text](target)` as text, no images, no emphasis or
    /// code marks, no list or quote markers. Byte by byte: this runs for every page.
    static func plain(_ line: Substring) -> String {
        var text = String(line)
        return text.withUTF8 { plain($0, limit: nil) }
    }

    /// `plain` of UTF-8 bytes, its first `limit` characters when given.
    private static func plain(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: " ") { i += 1 }
        if i + 1 < bytes.count, "-*+".utf8.contains(bytes[i]), bytes[i + 1] == UInt8(ascii: " ") { i += 2 }
        var lastWasSpace = true
        while i < bytes.count {
            let c = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            // An image whole, and a link's target.
            if (c == UInt8(ascii: "!") && next == UInt8(ascii: "[")) || (c == UInt8(ascii: "]") && next == UInt8(ascii: "(")),
               let close = bytes[i...].firstIndex(of: UInt8(ascii: ")")) {
                i = close + 1
                continue
            }
            i += 1
            if c == UInt8(ascii: "[") || c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "`") { continue }
            // Runs of spaces, tabs and carriage returns become one space, none at either end.
            if c == 32 || c == 9 || c == 13 {
                if !lastWasSpace { out.append(32) }
                lastWasSpace = true
            } else {
                out.append(c)
                lastWasSpace = false
            }
        }
        if out.last == 32 { out.removeLast() }
        let text = String(decoding: out, as: UTF8.self)
        guard let limit, text.utf8.count > limit else { return text }
        return String(text.prefix(limit))
    }
}
