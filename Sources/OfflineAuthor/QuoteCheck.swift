import Foundation
import LLM

/// The checks a module's questions and flashcards must pass beyond its schema, for the
/// offline provider and models alike: each quote occurs in the source it names (or, for a
/// source the module does not have, in any of its sources); a cloze or multiple-choice
/// answer occurs in its quote; no distractor equals its answer. Text is compared with
/// emphasis, link targets and runs of whitespace taken out.
public enum QuoteCheck {
    /// One line per problem, with the JSON path it is at; none when `sources` is empty
    /// (an outline module without notes has nothing to quote).
    public static func problems(_ module: JSONValue, sources: [String: String]) -> [String] {
        let texts = sources.mapValues(comparable)
        guard !texts.isEmpty else { return [] }
        let all = texts.values.joined(separator: " ")
        var problems: [String] = []
        func checkQuote(_ quote: JSONValue?, at path: String) -> String? {
            guard let quote, let text = quote["text"]?.string else { return nil }
            let wanted = comparable(text)
            let named = quote["path"]?.string ?? ""
            let haystack = texts[named] ?? all
            if wanted.isEmpty || !haystack.contains(wanted) {
                let source = texts[named] == nil ? "any of the module's sources" : "'\(named)'"
                problems.append("\(path).quote.text: \u{201C}\(text.prefix(80))\u{201D} is not in \(source); "
                                + "copy a sentence exactly from the source, with its path")
                return nil
            }
            return wanted
        }
        for (i, question) in (module["questions"]?.array ?? []).enumerated() {
            let at = "$.questions[\(i)]"
            let quote = checkQuote(question["quote"], at: at)
            let kind = question["kind"]?.string ?? ""
            guard kind == "cloze" || kind == "multiple_choice", let answer = question["answer"]?.string else { continue }
            if let quote, !quote.lowercased().contains(comparable(answer).lowercased()) {
                problems.append("\(at).answer: \u{201C}\(answer.prefix(60))\u{201D} does not occur in its quote")
            }
            let others = (question["choices"]?.array ?? []).compactMap(\.string).filter { $0 == answer }
            if kind == "multiple_choice", others.count != 1 {
                problems.append("\(at).choices: the answer must be among the choices exactly once")
            }
        }
        for (i, card) in (module["flashcards"]?.array ?? []).enumerated() {
            _ = checkQuote(card["quote"], at: "$.flashcards[\(i)]")
        }
        return problems
    }

    /// Text as quotes are compared: Markdown emphasis, code marks and link targets out,
    /// curly quotes straight, whitespace collapsed.
    static func comparable(_ text: String) -> String {
        var plain = text.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        plain = plain.replacingOccurrences(of: #"[*`]"#, with: "", options: .regularExpression)
        plain = plain.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{201C}", with: "\"")
            .replacingOccurrences(of: "\u{201D}", with: "\"")
        return collapse(plain)
    }
}
