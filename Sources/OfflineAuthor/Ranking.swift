import Foundation

/// The two classical rankings the offline provider stands on: sentences by TextRank
/// (PageRank over sentence similarity) and key phrases by RAKE (runs of content words
/// between stop words, scored by word degree over frequency). Both are deterministic:
/// ties break by position, never by a dictionary's order.
enum Ranking {
    /// Indices of `sentences`, most central first.
    static func textRank(_ sentences: [String], iterations: Int = 30, damping: Double = 0.85) -> [Int] {
        let n = sentences.count
        guard n > 1 else { return Array(0..<n) }
        let bags = sentences.map { Set(Text.contentWords($0)) }
        var weights = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<n where !bags[i].isEmpty && !bags[j].isEmpty {
                let shared = Double(bags[i].intersection(bags[j]).count)
                guard shared > 0 else { continue }
                // The similarity of the TextRank paper: overlap normalised by the log of the lengths.
                let w = shared / (log(Double(bags[i].count) + 1) + log(Double(bags[j].count) + 1))
                weights[i][j] = w
                weights[j][i] = w
            }
        }
        let outWeight = weights.map { $0.reduce(0, +) }
        var score = [Double](repeating: 1, count: n)
        for _ in 0..<iterations {
            var next = [Double](repeating: 1 - damping, count: n)
            for i in 0..<n {
                for j in 0..<n where weights[j][i] > 0 && outWeight[j] > 0 {
                    next[i] += damping * weights[j][i] / outWeight[j] * score[j]
                }
            }
            score = next
        }
        return (0..<n).sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
    }

    /// Common verbs and adverbs, which end a key phrase as stop words do: RAKE without
    /// them returns "task group runs" where "task group" is meant.
    static let verbs: Set<String> = [
        "means", "mean", "runs", "run", "running", "keeps", "keep", "live", "lives", "inside", "starts", "start",
        "collects", "collect", "finishes", "finish", "travel", "travels", "checks", "check", "calls", "call",
        "wraps", "takes", "take", "turns", "turn", "protects", "bridges", "reads", "read", "waits", "wait",
        "marked", "cancels", "gives", "give", "works", "work", "says", "see", "sees", "stores", "store",
        "changes", "change", "changed", "compares", "compare", "shares", "share", "builds", "survives",
        "stops", "stop", "returns", "return", "writes", "write", "makes", "made", "need", "needs", "shows",
        "show", "tells", "tell", "becomes", "often", "always", "never", "again", "later", "first", "exactly",
    ]

    /// Key phrases of `sentences`, best first, at most `limit`, each at most four words.
    static func keyPhrases(_ sentences: [String], limit: Int = 12) -> [String] {
        var phrases: [[String]] = []
        for sentence in sentences {
            var run: [String] = []
            for word in Text.words(sentence) {
                if Text.stopWords.contains(word) || Ranking.verbs.contains(word) || word.count < 2 || word.allSatisfy(\.isNumber) {
                    if !run.isEmpty { phrases.append(run); run = [] }
                } else {
                    run.append(word)
                }
            }
            if !run.isEmpty { phrases.append(run) }
        }
        phrases = phrases.filter { $0.count <= 4 }
        var frequency: [String: Double] = [:]
        var degree: [String: Double] = [:]
        for phrase in phrases {
            for word in phrase {
                frequency[word, default: 0] += 1
                degree[word, default: 0] += Double(phrase.count)
            }
        }
        var best: [String: (score: Double, first: Int, count: Int)] = [:]
        for (position, phrase) in phrases.enumerated() {
            let text = phrase.joined(separator: " ")
            let score = phrase.reduce(0) { $0 + degree[$1]! / frequency[$1]! }
            if let seen = best[text] { best[text] = (seen.score, seen.first, seen.count + 1) }
            else { best[text] = (score, position, 1) }
        }
        // A phrase that recurs matters more than a long one seen once.
        let ranked = best.map { (text: $0.key, score: $0.value.score * (1 + log(Double($0.value.count))), first: $0.value.first) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.first < $1.first }
        var chosen: [String] = []
        for candidate in ranked where chosen.count < limit {
            // Skip a phrase contained in one already chosen ("cache" after "build cache").
            if chosen.contains(where: { $0.contains(candidate.text) || candidate.text.contains($0) }) { continue }
            chosen.append(candidate.text)
        }
        return chosen
    }
}
