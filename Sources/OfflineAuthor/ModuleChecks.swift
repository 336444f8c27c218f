import Foundation
import LLM
import Markup

/// One named check of the rubric, passed or failed, with what it found.
public struct ModuleCheck: Sendable, Equatable, Codable {
    public var name: String
    public var passed: Bool
    public var detail: String

    public init(name: String, passed: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.detail = detail
    }
}

/// The checks the evaluate step runs on every module beside the rubric's judgement (the
/// offline grader's or a model's): defects a reader trips over, found mechanically. Any
/// failed check puts the module below the threshold (see `capped`).
public struct ModuleChecks {
    /// What the module was written from.
    public struct Sources: Sendable {
        /// Each source's text by the path its quotes name (`notes` for outline notes).
        public var texts: [String: String]
        /// Titles of the course's other modules.
        public var otherTitles: [String]

        public init(texts: [String: String], otherTitles: [String]) {
            self.texts = texts
            self.otherTitles = otherTitles
        }
    }

    /// Reading time, in minutes, that one module may take (about 200 words a minute).
    public static let minutes: ClosedRange<Double> = 1...45
    /// Titles that name a folder or a kind of page, not what a module teaches.
    public static let genericTitles: Set<String> = [
        "documentation", "docs", "articles", "article", "extensions", "reference", "guide", "guides", "tutorials",
        "tutorial", "overview", "introduction", "index", "readme", "misc", "other", "module", "chapter", "untitled",
        "cli", "src", "source", "pages", "content", "topics", "essentials", "api",
    ]
    static let placeholders = [
        "this part of the module is about", "no source text was given", OutlineNotes.missing.lowercased(),
        "lorem ipsum", "todo:", "tbd", "as the sources use it:", "content goes here",
    ]

    let module: JSONValue
    let sources: Sources

    public init(module: JSONValue, sources: Sources) {
        self.module = module
        self.sources = sources
    }

    public func run() -> [ModuleCheck] {
        [markup(), code(), placeholders(), quotes(), flashcards(), title(), headings(), readingTime()]
    }

    /// A score with the failed checks counted: each takes ten points off, and any failed
    /// check keeps it below `threshold`.
    public static func capped(_ score: Double, checks: [ModuleCheck], threshold: Double) -> Double {
        let failed = checks.filter { !$0.passed }.count
        guard failed > 0 else { return score }
        let lowered = min(score - 0.1 * Double(failed), threshold - 0.01)
        return (max(0, lowered) * 100).rounded() / 100
    }

    // MARK: The checks

    private var sections: [(heading: String, body: String)] {
        (module["sections"]?.array ?? []).map { ($0["heading"]?.string ?? "", $0["body"]?.string ?? "") }
    }

    /// Every text a reader sees, outside code: Markdown fields as rendered (code spans and
    /// blocks left out), plain fields as they stand (the page escapes them).
    private var visibleTexts: [String] {
        markdownFields.map { MarkdownDocument($0).proseText() } + plainFields
    }

    private var markdownFields: [String] {
        [module["introduction"]?.string, module["summary"]?.string].compactMap { $0 } + sections.map(\.body)
            + (module["questions"]?.array ?? []).compactMap { $0["prompt"]?.string }
    }

    private var plainFields: [String] {
        sections.map(\.heading)
            + (module["questions"]?.array ?? []).flatMap { q in
                [q["explanation"]?.string, ["which_code", "predict_output"].contains(q["kind"]?.string ?? "") ? nil : q["answer"]?.string]
                    .compactMap { $0 }
            }
            + (module["key_terms"]?.array ?? []).flatMap { [$0["term"]?.string, $0["definition"]?.string].compactMap { $0 } }
            + (module["flashcards"]?.array ?? []).flatMap { [$0["front"]?.string, $0["back"]?.string].compactMap { $0 } }
    }

    func markup() -> ModuleCheck {
        // A DocC link in Markdown renders as a code span, but with its path and suffix:
        // ``Logging/Logger/info(_:)-7p2fr`` is still DocC's, not the symbol's name.
        let docc = markdownFields.map { ModuleChecks.proseParagraphs($0).joined(separator: "\n") }.flatMap { field in
            ModuleChecks.doccPath.matches(in: field, range: NSRange(field.startIndex..., in: field)).compactMap {
                Range($0.range, in: field).map { MarkupLeak(kind: .symbolLink, text: String(field[$0])) }
            }
        }
        let leaks = docc + visibleTexts.flatMap(MarkupLeak.scan)
        return ModuleCheck(name: "no markup in the text", passed: leaks.isEmpty,
                           detail: leaks.isEmpty ? "No source markup shows in the text."
                               : "\(leaks.count) pieces of source markup show, first \(leaks[0]).")
    }

    static let doccPath = try! NSRegularExpression(pattern: #"``[A-Za-z_][^`\s]*/[^`\s]*``"#)

    func code() -> ModuleCheck {
        let inSources = sources.texts.values.reduce(0) { $0 + MarkdownDocument($1).codeBlocks().count }
        let inModule = sections.reduce(0) { $0 + MarkdownDocument($1.body).codeBlocks().count }
        let passed = inSources == 0 || inModule > 0
        return ModuleCheck(name: "code kept", passed: passed,
                           detail: "\(inModule) code blocks in the module, \(inSources) in its sources.")
    }

    func placeholders() -> ModuleCheck {
        let texts = visibleTexts.map { $0.lowercased() }
        let found = ModuleChecks.placeholders.filter { phrase in texts.contains { $0.contains(phrase) } }
        // Text the writer repeated: a prose paragraph more often in the module than in its sources.
        let inSources = QuoteCheck.comparable(sources.texts.values.joined(separator: "\n\n"))
        var counts: [String: Int] = [:]
        for text in [module["introduction"]?.string ?? ""] + sections.map(\.body) {
            for paragraph in ModuleChecks.proseParagraphs(text) where paragraph.split(separator: " ").count >= 8 {
                counts[QuoteCheck.comparable(paragraph), default: 0] += 1
            }
        }
        let repeated = counts.filter { $0.value > 1 && $0.value > inSources.components(separatedBy: $0.key).count - 1 }
            .keys.sorted().map { String($0.prefix(60)) }
        let passed = found.isEmpty && repeated.isEmpty
        let detail = passed ? "No placeholder or repeated text."
            : (found.map { "placeholder \u{201C}\($0)\u{201D}" } + repeated.map { "repeated \u{201C}\($0)\u{2026}\u{201D}" })
                .joined(separator: "; ") + "."
        return ModuleCheck(name: "no placeholder or repeated text", passed: passed, detail: detail)
    }

    /// Paragraphs outside code fences, whitespace collapsed.
    static func proseParagraphs(_ markdown: String) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        var fence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                continue
            }
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(collapse(current.joined(separator: " "))) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(collapse(current.joined(separator: " "))) }
        return paragraphs
    }

    func quotes() -> ModuleCheck {
        let problems = QuoteCheck.problems(module, sources: sources.texts)
        return ModuleCheck(name: "answers in their quotes", passed: problems.isEmpty,
                           detail: problems.isEmpty ? "Every quote is in its source, every answer in its quote."
                               : "\(problems.count) problems, first: \(problems[0])")
    }

    func flashcards() -> ModuleCheck {
        let bad = (module["flashcards"]?.array ?? []).compactMap { card -> String? in
            let front = card["front"]?.string ?? "", back = card["back"]?.string ?? ""
            let words = front.split(separator: " ").map { $0.lowercased() }
            let isTerm = !words.isEmpty && words.count <= 6 && !Definitions.notNouns.contains(words[0])
                && !Definitions.notTerms.contains(front.lowercased()) && !back.hasSuffix(":")
                && !front.contains("\u{2192}") && !front.hasSuffix(".") && !front.hasSuffix(",")
            let isDefinition = back.split(separator: " ").count >= 3 && back.lowercased() != front.lowercased()
            return isTerm && isDefinition ? nil : front
        }
        return ModuleCheck(name: "flashcards are definitions", passed: bad.isEmpty,
                           detail: bad.isEmpty ? "Every card puts a term on its front and its definition on the back."
                               : "Not a term and its definition: \(bad.prefix(3).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")).")
    }

    func title() -> ModuleCheck {
        let title = module["title"]?.string ?? ""
        let generic = ModuleChecks.genericTitles.contains(title.lowercased().trimmingCharacters(in: .whitespaces))
            || title.split(separator: " ").isEmpty
        let duplicate = sources.otherTitles.contains { $0.lowercased() == title.lowercased() }
        let passed = !generic && !duplicate
        return ModuleCheck(name: "a title that says what it teaches", passed: passed,
                           detail: passed ? "\u{201C}\(title)\u{201D}"
                               : generic ? "\u{201C}\(title)\u{201D} names a folder or a kind of page, not what the module teaches."
                               : "Another module of the course is also titled \u{201C}\(title)\u{201D}.")
    }

    func headings() -> ModuleCheck {
        let bad = sections.compactMap { section -> String? in
            let prose = MarkdownDocument(section.body).proseText()
            let words = prose.split(whereSeparator: \.isWhitespace)
            let hasCode = section.body.contains("`") || section.body.contains("~~~")  // a block, or names in code
            let repeatsHeading = collapse(prose).lowercased() == collapse(section.heading).lowercased()
            return (words.count < 3 && !hasCode) || repeatsHeading ? section.heading : nil
        }
        return ModuleCheck(name: "sections hold what their headings say", passed: bad.isEmpty,
                           detail: bad.isEmpty ? "Every section has text of its own under its heading."
                               : "Empty, or only the heading again: \(bad.prefix(3).map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")).")
    }

    func readingTime() -> ModuleCheck {
        let words = ([module["introduction"]?.string ?? ""] + sections.map(\.body))
            .reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
        let minutes = Double(words) / 200
        let range = ModuleChecks.minutes
        let passed = range.contains(minutes)
        return ModuleCheck(name: "reading time in range", passed: passed,
                           detail: String(format: "%.1f minutes of reading (%d words); one sitting is %.0f to %.0f.",
                                          minutes, words, range.lowerBound, range.upperBound))
    }
}
