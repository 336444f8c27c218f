import Foundation

/// One course another needs: its number, how it is needed, how sure the finding is, and
/// the words of the syllabus that say so.
public struct PrerequisiteEdge: Sendable, Hashable {
    public enum Relation: String, Sendable {
        /// Taken before.
        case prerequisite
        /// Taken before or at the same time.
        case corequisite
    }

    /// A course number as the site writes it (`18.01`, `6.042J`, `8.01L`).
    public var number: String
    public var relation: Relation
    /// 0 to 1.
    public var confidence: Double
    /// The clause of the text that names it.
    public var evidence: String

    public init(number: String, relation: Relation, confidence: Double, evidence: String) {
        self.number = number
        self.relation = relation
        self.confidence = confidence
        self.evidence = evidence
    }
}

/// What the patterns make of a syllabus's prerequisites text.
public enum PrerequisiteFinding: Sendable, Equatable {
    /// The text is clear: these courses (none, for "None", "no prerequisites",
    /// "permission of instructor").
    case settled([PrerequisiteEdge])
    /// The text needs reading (subjects named by title, prose without a course number):
    /// the detect-prerequisites LLM step's work.
    case open
}

/// Finds prerequisites in a syllabus's prose with patterns first: course numbers
/// (`18.01`, `6.0001`, `21M.011`, `6.S099`, suffixes `SC`, `J`, `L`), cross-listings
/// (`6.042J/18.062J` is one course), alternatives (`8.01 or 8.012`), co-requisites, "no
/// prerequisites", "permission of instructor", and prerequisites of prerequisites ("8.03,
/// which has 18.03 as a prerequisite": not direct).
public enum PrerequisitePatterns {
    public static func find(in text: String, ownNumbers: [String] = []) -> PrerequisiteFinding {
        let own = Set(ownNumbers.map { base(of: $0) })
        var edges: [PrerequisiteEdge] = []
        var settledNone = false
        for clause in clauses(of: text) {
            let lower = clause.lowercased()
            if noneMarkers.contains(where: { lower.contains($0) }) || lower == "none" { settledNone = true }
            if optionalMarkers.contains(where: { lower.contains($0) }) { continue }
            let isCo = coMarkers.contains { lower.contains($0) }
            // Numbers after "which has …" belong to a prerequisite, not to this course.
            let cut = transitiveMarkers.compactMap { clause.range(of: $0, options: .caseInsensitive)?.lowerBound }.min()
            let direct = cut.map { String(clause[..<$0]) } ?? clause
            for number in numbers(in: direct) where !own.contains(base(of: number)) {
                guard !edges.contains(where: { $0.number == number }) else { continue }
                edges.append(PrerequisiteEdge(number: number, relation: isCo ? .corequisite : .prerequisite,
                                              confidence: isCo ? 0.9 : 0.95, evidence: clause))
            }
        }
        if !edges.isEmpty || settledNone { return .settled(edges) }
        return .open
    }

    static let noneMarkers = ["no prerequisite", "no formal prerequisite", "no mit course prerequisite", "there are no",
                              "none.", "none;", "none,", "permission of instructor", "permission of the instructor",
                              "no previous", "no prior"]
    static let optionalMarkers = ["recommended", "not required", "helpful but", "is useful", "would be helpful"]
    static let coMarkers = ["corequisite", "co-requisite", "concurrently", "concurrent"]
    static let transitiveMarkers = ["which has", "which in turn", "which itself", "which requires", "whose prerequisite"]

    /// The text cut into clauses: at `;`, and at a full stop that ends a sentence (not the
    /// one inside `18.01`).
    static func clauses(of text: String) -> [String] {
        let marked = sentenceEnd.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                                          withTemplate: "$1\n")
        return marked.split(whereSeparator: { $0 == "\n" || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static let sentenceEnd = try! NSRegularExpression(
        pattern: #"([A-Za-z)\]][.!?]|\d[A-Z]{0,2}[.!?](?=\s+[A-Z0-9]))\s+"#)

    /// The course numbers of a clause, in order; `A/B` of two cross-listed (`J`) numbers
    /// counts once.
    static func numbers(in clause: String) -> [String] {
        let range = NSRange(clause.startIndex..., in: clause)
        var found: [String] = []
        var lastEnd: String.Index?
        for match in courseNumber.matches(in: clause, range: range) {
            guard let whole = Range(match.range, in: clause) else { continue }
            let number = String(clause[whole])
            if let lastEnd, clause[lastEnd..<whole.lowerBound] == "/", found.last?.hasSuffix("J") == true, number.hasSuffix("J") {
                continue  // the same subject under another department's number
            }
            found.append(number)
            lastEnd = whole.upperBound
        }
        return found
    }

    private static let courseNumber = try! NSRegularExpression(
        pattern: #"(?<![\w.])(?:\d{1,2}[A-Z]?|[A-Z]{2,4})\.S?\d{2,4}(?:SC|[A-Z])?(?![\w%]|\.\d)"#)

    /// A number without its suffix (`18.01SC` → `18.01`, `6.042J` → `6.042`), for
    /// matching a prerequisite to the site's courses.
    public static func base(of number: String) -> String {
        var number = number.uppercased()
        if number.hasSuffix("SC") { number.removeLast(2) }
        while let last = number.last, last.isLetter, number.dropLast().last?.isNumber == true { number.removeLast() }
        return number
    }
}
