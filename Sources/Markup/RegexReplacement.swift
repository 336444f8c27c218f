import Foundation

extension NSRegularExpression {
    /// `text` with each match replaced by what `make` returns for its groups (group 0 is
    /// the whole match; a group that did not take part is "").
    public func replacingMatches(in text: String, _ make: ([String]) -> String) -> String {
        let matches = matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return text }
        var result = ""
        var last = text.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: text) else { continue }
            let groups = (0..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
            result += text[last..<whole.lowerBound] + make(groups)
            last = whole.upperBound
        }
        return result + text[last...]
    }
}
