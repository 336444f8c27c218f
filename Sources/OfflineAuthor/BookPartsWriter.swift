import Foundation
import LLM

/// The offline provider's textbook parts for a chapter, from the module alone: notes
/// from each section's leading sentences, exercises from its code, essay prompts from
/// its objectives with a rubric from its key terms, a study guide from objectives, key
/// terms and summary, and resources from its sources' links and a video search. What
/// it cannot honestly write (discussion questions, exercises for a chapter without
/// code) it leaves out, and says so in `omitted`.
struct BookPartsWriter {
    let request: BookPartsRequest

    init(_ request: BookPartsRequest) { self.request = request }

    func parts() -> JSONValue {
        var omitted: [JSONValue] = [
            "Discussion questions: they need judgement about what is open to debate; a model writes them (set a provider for 'book-parts').",
        ]
        let exercises = self.exercises()
        if exercises.isEmpty {
            omitted.append("Exercises: the chapter has no code to practise with; a model writes exercises for prose.")
        }
        return [
            "lecture_notes": .string(lectureNotes()),
            "exercises": .array(exercises),
            "essay_prompts": .array(essayPrompts()),
            "study_guide": .array(studyGuide().map(JSONValue.string)),
            "flashcards": [],
            "discussion_questions": [],
            "further_resources": .array(resources()),
            "omitted": .array(omitted),
        ]
    }

    /// Per section, its heading and its first two sentences: what a lecturer's notes hold.
    private func lectureNotes() -> String {
        var notes = request.sections.compactMap { section -> String? in
            let sentences = Text(section.body).sentences.prefix(2)
            guard !sentences.isEmpty else { return nil }
            return "- **\(section.heading)**: " + sentences.joined(separator: " ")
        }
        if notes.isEmpty { notes = Text(request.introduction).sentences.prefix(3).map { "- " + $0 } }
        return notes.joined(separator: "\n")
    }

    /// One exercise per section with code: rebuild the section's example from its prose;
    /// the solution is the source's own code.
    private func exercises() -> [JSONValue] {
        request.sections.compactMap { section -> JSONValue? in
            guard let block = BookPartsWriter.firstCodeBlock(section.body) else { return nil }
            let lead = Text(String(section.body[..<block.range.lowerBound])).sentences.last
            let task = "Without looking back at \u{201C}\(section.heading)\u{201D}, write the code for this step"
                + (lead.map { ": \($0)" } ?? ".") + " Then run it and compare with the solution."
            return ["task": .string(task), "solution": .string(block.fenced)]
        }.prefix(4).map { $0 }
    }

    /// An essay prompt per objective (at most two), graded on the chapter's own terms.
    private func essayPrompts() -> [JSONValue] {
        let terms = request.keyTerms.prefix(3).map(\.term)
        return request.objectives.prefix(2).map { objective in
            var rubric = ["States the idea accurately, as the chapter explains it.",
                          "Gives an example of its own, not one copied from the chapter."]
            rubric += terms.map { "Uses the term \u{201C}\($0)\u{201D} correctly." }
            rubric += request.themes.map { "Connects the answer to \($0)." }
            let topic = objective.hasSuffix(".") ? String(objective.dropLast()) : objective
            let prompt = "In about 300 words, explain \u{201C}\(topic)\u{201D} to someone who has not read this chapter, "
                + "with an example from your own work or study."
            return ["prompt": .string(prompt), "rubric": .array(rubric.map(JSONValue.string))]
        }
    }

    private func studyGuide() -> [String] {
        var guide = request.objectives.map { "Be able to: \($0)" }
        guide += request.keyTerms.map { "Know the term \u{201C}\($0.term)\u{201D}: \($0.definition)" }
        guide += Text(request.summary).sentences.prefix(3).map { "Remember: \($0)" }
        if guide.isEmpty { guide = request.sections.map { "Review \u{201C}\($0.heading)\u{201D}." } }
        return guide
    }

    /// The sources' web pages and links, then a video search for the chapter's topic.
    private func resources() -> [JSONValue] {
        var seen: Set<String> = []
        var links = request.links.filter { seen.insert($0.url).inserted }
        for section in request.sections {
            for link in BookPartsWriter.webLinks(section.body) where seen.insert(link.url).inserted { links.append(link) }
        }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "search_query", value: request.title + " " + request.courseTitle)]
        links.append(.init(title: "Videos about \u{201C}\(request.title)\u{201D} (a YouTube search)",
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

    /// The first fenced code block of `markdown`, with its fences.
    static func firstCodeBlock(_ markdown: String) -> (range: Range<String.Index>, fenced: String)? {
        guard let open = markdown.range(of: "```") else { return nil }
        guard let lineEnd = markdown[open.upperBound...].firstIndex(of: "\n"),
              let close = markdown.range(of: "\n```", range: lineEnd..<markdown.endIndex) else { return nil }
        let body = markdown[markdown.index(after: lineEnd)..<close.lowerBound]
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return (open.lowerBound..<close.upperBound, String(markdown[open.lowerBound..<close.upperBound]))
    }
}
