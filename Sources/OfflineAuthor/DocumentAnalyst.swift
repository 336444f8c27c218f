import LLM
import Markup
/// Analyses one document (the `analyse-document` schema): title, type, complexity, key
/// concepts, objectives, summary, prerequisites and related topics, from its own text.
struct DocumentAnalyst {
    let path: String
    let markdown: String
    /// The whole document's words (the text given may be cut short).
    let totalWords: Int
    let sentences: [String]

    init(_ request: AnalysisRequest) {
        path = request.title.isEmpty ? "document" : request.title
        markdown = request.text
        totalWords = request.words
        sentences = Text(markdown).sentences
    }

    func analysis() -> JSONValue {
        let concepts = Ranking.keyPhrases(sentences, limit: 8)
        // The document model's headings (cmark's: setext ones too, never a `#` in code).
        let cut = SectionedDocument(markdown)
        let headings = [cut.title].compactMap { $0 } + cut.sections.map(\.heading)
        let title = headings.first ?? path.split(separator: "/").last.map(String.init) ?? path
        let grade = Text.gradeLevel(sentences)
        let words = max(totalWords, Text.words(markdown).count)
        let ranked = Ranking.textRank(sentences)
        let summary = ranked.prefix(2).sorted().map { sentences[$0] }.joined(separator: " ")
        var seen = Set<String>()
        let teachable = headings.dropFirst().filter {
            !QuestionWriter.generic.contains($0.lowercased()) && $0.first?.isLetter == true && seen.insert($0.lowercased()).inserted
        }
        let objectives = teachable.prefix(4).map(DocumentAnalyst.objective)
        let prerequisites = sentences.filter { $0.lowercased().contains("before you") || $0.lowercased().contains("requires") }
            .prefix(3).map { $0 }
        return [
            "title": .string(title),
            "type": .string(kind(headings: headings)),
            "complexity": .string(grade < 9 ? "introductory" : grade < 13 ? "intermediate" : "advanced"),
            "key_concepts": .array(concepts.map(JSONValue.string)),
            "learning_objectives": .array(objectives.map(JSONValue.string)),
            "summary": .string(summary.isEmpty ? title : summary),
            "prerequisites": .array(prerequisites.map(JSONValue.string)),
            "related_topics": .array(concepts.dropFirst(5).map(JSONValue.string)),
            "word_count": .number(Double(words)),
        ]
    }

    /// A heading as an objective: "Installing mdBook" stays as it is; a noun phrase is
    /// something to explain ("Explain the build directory").
    static func objective(_ heading: String) -> String {
        let first = heading.split(separator: " ").first.map(String.init) ?? heading
        if first.hasSuffix("ing") || ["How", "Use", "Write", "Create", "Add", "Run", "Build", "Set", "Configure", "Install"]
            .contains(first) { return heading }
        return "Explain \(heading)"
    }

    /// The document's type, from the words of its path and headings.
    private func kind(headings: [String]) -> String {
        let words = Set(Text.words(path + " " + headings.joined(separator: " ")))
        let signals: [(String, [String])] = [
            ("tutorial", ["tutorial", "walkthrough", "step", "steps", "build"]), ("guide", ["guide", "how", "getting", "started"]),
            ("reference", ["reference", "options", "configuration", "commands", "format"]), ("api", ["api", "endpoint", "class", "method"]),
            ("faq", ["faq", "questions"]), ("concept", ["architecture", "concepts", "overview", "design", "introduction"]),
        ]
        return signals.max { $0.1.filter(words.contains).count < $1.1.filter(words.contains).count }
            .flatMap { $0.1.contains(where: words.contains) ? $0.0 : nil } ?? "guide"
    }
}
