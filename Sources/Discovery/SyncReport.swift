import Foundation

/// `discover report`: for each of the project's own courses, the external courses that
/// cover the same ground (TF-IDF cosine similarity of titles, counted twice, descriptions,
/// topics and units), and the external courses usable as its prerequisites: those it
/// names, and the prerequisites of the external courses most like it.
public enum SyncReport {
    /// A course as the report compares it.
    public struct Course: Sendable {
        public var id: String
        public var title: String
        /// Description, topics, unit titles: everything but the title.
        public var text: String
        public var prerequisites: [String]

        public init(id: String, title: String, text: String, prerequisites: [String]) {
            self.id = id
            self.title = title
            self.text = text
            self.prerequisites = prerequisites
        }
    }

    public struct Match: Sendable, Equatable {
        public var id: String
        public var title: String
        public var score: Double
    }

    public struct Suggestion: Sendable, Equatable {
        public var id: String
        public var title: String
        /// `named` (the course lists it), or the id of the similar course that requires it.
        public var via: String
    }

    public struct Row: Sendable {
        public var id: String
        public var title: String
        public var similar: [Match]
        public var prerequisites: [Suggestion]
    }

    /// At most `top` matches a course, each scoring at least `threshold`.
    public static func rows(own: [Course], external: [Course], top: Int = 3, threshold: Double = 0.1) -> [Row] {
        let documents = (own + external).map { terms(title: $0.title, text: $0.text) }
        var frequency: [String: Int] = [:]
        for document in documents { for term in Set(document.keys) { frequency[term, default: 0] += 1 } }
        let count = Double(documents.count)
        let weighted = documents.map { document -> [String: Double] in
            var vector: [String: Double] = [:]
            for (term, n) in document { vector[term] = Double(n) * log((count + 1) / Double((frequency[term] ?? 0) + 1)) }
            return vector
        }
        let byID = Dictionary(external.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return own.enumerated().map { n, course in
            let similar = external.enumerated()
                .map { m, other in Match(id: other.id, title: other.title, score: cosine(weighted[n], weighted[own.count + m])) }
                .filter { $0.score >= threshold }
                .sorted { ($0.score, $1.id) > ($1.score, $0.id) }
                .prefix(top)
            var suggestions: [Suggestion] = course.prerequisites.compactMap { id in
                byID[id].map { Suggestion(id: id, title: $0.title, via: "named") }
            }
            for match in similar {
                for id in byID[match.id]?.prerequisites ?? [] where !suggestions.contains(where: { $0.id == id }) {
                    if let other = byID[id] { suggestions.append(Suggestion(id: id, title: other.title, via: match.id)) }
                }
            }
            return Row(id: course.id, title: course.title, similar: Array(similar), prerequisites: suggestions)
        }
    }

    static let stopwords: Set<String> = ["the", "and", "for", "with", "from", "into", "this", "that", "are", "you", "your",
                                         "how", "what", "its", "their", "they", "can", "will", "about", "course", "courses",
                                         "learn", "introduction", "using", "use", "more", "also", "each", "which", "who",
                                         "has", "have", "not", "but", "all", "one", "our", "was", "were", "such"]

    /// Term counts of a course: its title's words twice, the rest once.
    static func terms(title: String, text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for (words, weight) in [(words(title), 2), (words(text), 1)] {
            for word in words { counts[word, default: 0] += weight }
        }
        return counts
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { raw in
            var word = String(raw)
            guard word.count >= 3, !stopwords.contains(word) else { return nil }
            if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
            return word
        }
    }

    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let dot = a.reduce(0.0) { $0 + $1.value * (b[$1.key] ?? 0) }
        let norms = sqrt(a.values.reduce(0) { $0 + $1 * $1 }) * sqrt(b.values.reduce(0) { $0 + $1 * $1 })
        return norms == 0 ? 0 : dot / norms
    }
}
