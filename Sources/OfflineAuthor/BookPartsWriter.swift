import Foundation
import LLM

/// The offline provider's textbook parts for a chapter, from the module alone: an
/// exercise for each code example a sentence introduces (the example is the solution),
/// an essay prompt per objective graded on the key terms its own section uses, a study
/// guide from the objectives and key terms, and resources from the sources' links and a
/// video search. What it cannot write without repeating the chapter or inventing
/// (lecture notes, discussion questions, new flashcards, exercises for prose) it leaves
/// out, and says so in `omitted`, in words for the reader.
struct BookPartsWriter {
    let request: BookPartsRequest

    init(_ request: BookPartsRequest) { self.request = request }

    func parts() -> JSONValue {
        var omitted: [JSONValue] = [
            "Lecture notes: taken from the chapter alone they would only repeat it.",
            "Discussion questions: what is open to debate takes judgement this edition's writer does not have.",
        ]
        let exercises = self.exercises()
        if exercises.isEmpty {
            omitted.append("Exercises: the chapter introduces no code example to practise on.")
        }
        return [
            "lecture_notes": "",
            "exercises": .array(exercises),
            "essay_prompts": .array(essayPrompts()),
            "study_guide": .array(studyGuide().map(JSONValue.string)),
            "flashcards": [],
            "discussion_questions": [],
            "further_resources": .array(resources()),
            "omitted": .array(omitted),
        ]
    }

    /// A code block of a section, with the sentence just before it that introduces it.
    struct Example {
        var lead: String
        var fenced: String
    }

    /// One exercise per code example a sentence introduces ("… like this:"): write the
    /// code from the sentence; the solution is the example itself. Output, tables and
    /// prose are never solutions.
    private func exercises() -> [JSONValue] {
        request.sections.flatMap { section in BookPartsWriter.examples(section.body).prefix(1) }.prefix(4).map { example in
            ["task": .string("Write the code this describes, then compare it with the solution: \u{201C}\(example.lead)\u{201D}"),
             "solution": .string(example.fenced)]
        }
    }

    /// The fenced code blocks of `markdown` labelled with a language of code (not output or
    /// plain text) that the paragraph before introduces, ending in a colon.
    static func examples(_ markdown: String) -> [Example] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [Example] = []
        var i = 0
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            guard let fence = fenceMarker(trimmed) else { i += 1; continue }
            let language = trimmed.dropFirst(fence.count).trimmingCharacters(in: .whitespaces).lowercased()
            var end = i + 1
            while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix(fence) { end += 1 }
            let body = lines[(i + 1)..<min(end, lines.count)]
            // The paragraph before the block, and its last sentence.
            var first = i - 1
            while first >= 0, lines[first].trimmingCharacters(in: .whitespaces).isEmpty { first -= 1 }
            let last = first
            while first > 0, !lines[first - 1].trimmingCharacters(in: .whitespaces).isEmpty { first -= 1 }
            let paragraph = last >= 0 ? lines[first...last].joined(separator: " ").trimmingCharacters(in: .whitespaces) : ""
            let lead = Text(paragraph).sentences.last ?? ""
            let isCode = !language.isEmpty && !["text", "txt", "console", "output", "plaintext", "log"].contains(language)
            if end < lines.count, isCode, !body.joined().trimmingCharacters(in: .whitespaces).isEmpty,
               paragraph.hasSuffix(":"), lead.count > 20, !paragraph.hasPrefix("|"), !paragraph.hasPrefix("#") {
                examples.append(Example(lead: lead.hasSuffix(":") ? lead : lead + ":",
                                        fenced: lines[i...end].joined(separator: "\n")))
            }
            i = end + 1
        }
        return examples
    }

    /// "```" or "~~~" (or longer) opening `line`, if it is a fence.
    private static func fenceMarker(_ line: String) -> String? {
        for mark in ["`", "~"] where line.hasPrefix(String(repeating: mark, count: 3)) {
            return String(line.prefix { String($0) == mark })
        }
        return nil
    }

    /// An essay prompt per objective (at most two), graded on the key terms the objective's
    /// own section uses (none when no section matches it).
    private func essayPrompts() -> [JSONValue] {
        request.objectives.prefix(2).map { objective in
            let topic = objective.hasSuffix(".") ? String(objective.dropLast()) : objective
            let section = request.sections.first { $0.heading.lowercased() == topic.lowercased() }
            let terms = request.keyTerms.filter { term in
                section.map { $0.body.lowercased().contains(term.term.lowercased()) } ?? false
            }.prefix(3).map(\.term)
            var rubric = ["States the idea accurately, as the chapter explains it.",
                          "Gives an example of its own, not one copied from the chapter."]
            rubric += terms.map { "Uses the term \u{201C}\($0)\u{201D} correctly." }
            rubric += request.themes.map { "Connects the answer to \($0)." }
            let prompt = BookPartsWriter.isInstruction(topic)
                ? "In about 300 words: \(topic), for someone who has not read this chapter, with an example from your own work or study."
                : "In about 300 words, explain \u{201C}\(topic)\u{201D} to someone who has not read this chapter, "
                    + "with an example from your own work or study."
            return ["prompt": .string(prompt), "rubric": .array(rubric.map(JSONValue.string))]
        }
    }

    private func studyGuide() -> [String] {
        var guide = request.objectives.map { objective -> String in
            let topic = objective.hasSuffix(".") ? String(objective.dropLast()) : objective
            return BookPartsWriter.isInstruction(topic) ? "Be able to \(BookPartsWriter.lowercasedFirst(topic))."
                : "Be able to explain \u{201C}\(topic)\u{201D}."
        }
        guide += request.keyTerms.map { "Know the term \u{201C}\($0.term)\u{201D}." }
        if guide.isEmpty { guide = request.sections.map { "Review \u{201C}\($0.heading)\u{201D}." } }
        return guide
    }

    /// True for an objective written as an instruction ("Explain fields", "Use a lock file").
    static func isInstruction(_ text: String) -> Bool {
        let verbs: Set<String> = ["explain", "describe", "use", "write", "build", "compare", "define", "identify", "apply",
                                  "create", "configure", "run", "read", "choose", "design", "list", "recognise", "recognize",
                                  "understand", "know", "set", "add", "find", "make", "plan", "test", "install"]
        return text.split(separator: " ").first.map { verbs.contains($0.lowercased()) } ?? false
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The sources' web pages and links, then a video search for the chapter's topic.
    private func resources() -> [JSONValue] {
        var seen: Set<String> = []
        var links = request.links.filter { seen.insert($0.url).inserted }
        for section in request.sections {
            for link in BookPartsWriter.webLinks(section.body) where seen.insert(link.url).inserted { links.append(link) }
        }
        var query = URLComponents()
        // The chapter's first key term names its topic better than a title made of several.
        let topic = request.keyTerms.first?.term ?? request.title
        query.queryItems = [URLQueryItem(name: "search_query", value: topic + " " + request.courseTitle)]
        links.append(.init(title: "Videos on \u{201C}\(topic)\u{201D} (a YouTube search)",
                           url: "https://www.youtube.com/results" + (query.string ?? "")))
        return links.prefix(12).map { ["title": .string($0.title), "url": .string($0.url)] }
    }

    /// `[text](https://…)` links in Markdown, outside code.
    static func webLinks(_ markdown: String) -> [BookPartsRequest.Link] {
        var links: [BookPartsRequest.Link] = []
        var inCode = false
        for line in markdown.split(separator: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode, line.contains("](http") else { continue }
            let text = String(line)
            for match in webLink.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let title = Range(match.range(at: 1), in: text), let url = Range(match.range(at: 2), in: text) else { continue }
                links.append(.init(title: String(text[title]), url: String(text[url])))
            }
        }
        return links
    }

    private static let webLink = try! NSRegularExpression(pattern: #"\[([^\]]+)\]\((https?://[^)\s]+)\)"#)
}
