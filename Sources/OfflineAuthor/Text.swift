import Foundation

/// Plain text cut into what the classical methods work on: sentences and words.
struct Text {
    let sentences: [String]

    init(_ markdown: String) {
        sentences = Text.sentences(of: Text.plain(markdown))
    }

    /// Markdown reduced to prose: code blocks, headings' marks, emphasis, link targets
    /// and list bullets taken out; each block ends a sentence.
    static func plain(_ markdown: String) -> String {
        var blocks: [String] = []
        var inCode = false
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inCode.toggle(); continue }
            if inCode || line.hasPrefix("|") || line.hasPrefix("<") { continue }
            // A heading or a list item is a block of its own, so a list without full stops
            // does not read as one long sentence.
            var isItem = false
            while let first = line.first, "#>*-+".contains(first) {
                isItem = isItem || first != ">"
                line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty {
                line = String(line[line.index(after: dot)...]).trimmingCharacters(in: .whitespaces)
                isItem = true
            }
            line = line.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
            line = line.replacingOccurrences(of: #"[*`]"#, with: "", options: .regularExpression)
            line = line.replacingOccurrences(of: #"(^|\s)_+|_+(\s|$)"#, with: "$1$2", options: .regularExpression)
            if line.isEmpty { blocks.append("\n") } else if isItem { blocks += ["\n", line, "\n"] } else { blocks.append(line) }
        }
        return blocks.joined(separator: " ")
    }

    /// Sentences: split after `.`, `!` or `?` followed by a space and a capital or digit,
    /// and at block ends; common abbreviations do not end one.
    static func sentences(of text: String) -> [String] {
        var result: [String] = []
        for block in text.components(separatedBy: "\n") {
            let chars = Array(block)
            var current = ""
            var i = 0
            while i < chars.count {
                current.append(chars[i])
                if ".!?".contains(chars[i]), i + 2 < chars.count, chars[i + 1] == " ",
                   chars[i + 2].isUppercase || chars[i + 2].isNumber, !endsWithAbbreviation(current) {
                    result.append(current)
                    current = ""
                }
                i += 1
            }
            result.append(current)
        }
        return result.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.split(separator: " ").count >= 3 }
    }

    private static func endsWithAbbreviation(_ text: String) -> Bool {
        let last = text.split(separator: " ").last.map { $0.lowercased() } ?? ""
        return ["e.g.", "i.e.", "etc.", "vs.", "dr.", "mr.", "mrs.", "cf.", "fig.", "no."].contains(last)
            || (last.count == 2 && last.first!.isLetter)  // an initial: "J. Smith"
    }

    /// Lower-cased words (letters, digits, inner apostrophes and hyphens).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber || ((c == "'" || c == "-") && !current.isEmpty) { current.append(c) }
            else if !current.isEmpty { words.append(current.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))); current = "" }
        }
        if !current.isEmpty { words.append(current.trimmingCharacters(in: CharacterSet(charactersIn: "'-"))) }
        return words.filter { !$0.isEmpty }
    }

    /// Words that carry meaning: not stop words, not single letters.
    static func contentWords(_ text: String) -> [String] {
        words(text).filter { $0.count > 1 && !stopWords.contains($0) }
    }

    static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "even", "every", "few", "for", "from", "further", "get", "gets", "had",
        "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now",
        "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "use", "used", "uses", "using",
        "very", "was", "way", "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
        "why", "will", "with", "would", "you", "your", "yours", "it's", "don't", "doesn't", "isn't", "can't", "let",
        "like", "make", "makes", "many", "new", "two", "without", "within", "yet", "whose", "become", "becomes",
    ]

    /// Syllables in an English word, by counting vowel groups (good enough for readability).
    static func syllables(_ word: String) -> Int {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousVowel = false
        for c in word.lowercased() {
            let vowel = vowels.contains(c)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if word.hasSuffix("e"), !word.hasSuffix("le"), count > 1 { count -= 1 }
        return max(1, count)
    }

    /// The Flesch–Kincaid grade level of the sentences (0 when there are none).
    static func gradeLevel(_ sentences: [String]) -> Double {
        let words = sentences.flatMap { Text.words($0) }
        guard !sentences.isEmpty, !words.isEmpty else { return 0 }
        let syllables = words.reduce(0) { $0 + Text.syllables($1) }
        let grade = 0.39 * Double(words.count) / Double(sentences.count) + 11.8 * Double(syllables) / Double(words.count) - 15.59
        return (max(0, grade) * 10).rounded() / 10
    }
}
