import Catalog
import Discovery
import Foundation
import LLM

/// The detect-prerequisites step: the prerequisites texts no pattern settled, ten to a
/// call, read by the project's model. Every relation names its course, the prerequisite's
/// number, prerequisite or co-requisite, a confidence and a quote of the text; an answer
/// whose quote is not in its text is sent back with the problem, as a schema violation is.
/// Answers are cached like every LLM call: a rerun asks nothing.
public struct ModelPrerequisites: PrerequisiteReader {
    public static let step = "detect-prerequisites"
    static let version = 1
    static let batchSize = 10

    let scheduler: CallScheduler
    let settings: LLMSettings
    let warn: @Sendable (String) -> Void

    /// Whether the project's provider for the step reads prose (the offline one does not).
    public static func isAvailable(_ settings: LLMSettings) -> Bool {
        settings.choice(for: step).provider != .offline
    }

    /// Nil when the step has no provider that reads prose.
    public init?(scheduler: CallScheduler, settings: LLMSettings, warn: @escaping @Sendable (String) -> Void) {
        guard Self.isAvailable(settings) else { return nil }
        self.scheduler = scheduler
        self.settings = settings
        self.warn = warn
    }

    public func read(_ texts: [OpenPrerequisites]) async -> [String: [PrerequisiteEdge]] {
        var found: [String: [PrerequisiteEdge]] = [:]
        for start in stride(from: 0, to: texts.count, by: Self.batchSize) {
            let batch = Array(texts[start..<min(start + Self.batchSize, texts.count)])
            do {
                let answer = try await scheduler.answer(request(batch))
                for (id, edges) in Self.relations(in: answer, batch: batch) { found[id] = edges }
            } catch {
                warn("\(Self.step): \(batch.map(\.id).joined(separator: ", ")): \(error); their prerequisites stay open")
            }
        }
        return found
    }

    func request(_ batch: [OpenPrerequisites]) -> LLMRequest {
        let choice = settings.choice(for: Self.step)
        let items: JSONValue = .array(batch.map { item in
            ["course": .string(item.id), "course_numbers": .array(item.numbers.map(JSONValue.string)), "text": .string(item.text)]
        })
        let texts = Dictionary(batch.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        return LLMRequest(
            step: Self.step, stepVersion: Self.version, task: "discover:\(Self.step)", course: "",
            choice: choice,
            messages: [
                ChatMessage(role: "system", content: Self.instructions),
                ChatMessage(role: "user", content: "Courses:\n" + items.canonicalText),
            ],
            schema: Self.schema, inputs: items,
            policy: settings.policy(model: choice.model, course: "", step: Self.step),
            check: { answer in Self.problems(in: answer, texts: texts) })
    }

    static let instructions = """
        You read the "Prerequisites" sections of university course syllabi. For each course, list \
        the courses a student must have taken before it (relation "prerequisite") or take at the same \
        time (relation "corequisite"). Name each by its course number (such as 18.01 or 6.042J); for a \
        course named only by its title, give the number you are confident of. Leave out recommended \
        courses, the prerequisites of prerequisites, and "permission of instructor". Give a confidence \
        from 0 to 1, and as evidence a quote copied exactly from that course's text. A course with no \
        prerequisites gets no relation.
        """

    static let schema = JSONSchema([
        "type": "object", "additionalProperties": false, "required": ["relations"],
        "properties": ["relations": [
            "type": "array",
            "items": [
                "type": "object", "additionalProperties": false,
                "required": ["course", "prerequisite", "relation", "confidence", "evidence"],
                "properties": [
                    "course": ["type": "string"], "prerequisite": ["type": "string"],
                    "relation": ["type": "string", "enum": ["prerequisite", "corequisite"]],
                    "confidence": ["type": "number", "minimum": 0, "maximum": 1],
                    "evidence": ["type": "string"],
                ],
            ],
        ]],
    ])

    /// Each relation's problem: a course not asked about, a quote not in its text.
    static func problems(in answer: JSONValue, texts: [String: String]) -> [String] {
        (answer["relations"]?.array ?? []).enumerated().compactMap { n, relation in
            let course = relation["course"]?.string ?? ""
            guard let text = texts[course] else { return "relations[\(n)].course: '\(course)' is not one of the courses given" }
            let evidence = relation["evidence"]?.string ?? ""
            return text.contains(evidence) && !evidence.isEmpty
                ? nil : "relations[\(n)].evidence: not a quote of \(course)'s text"
        }
    }

    static func relations(in answer: JSONValue, batch: [OpenPrerequisites]) -> [String: [PrerequisiteEdge]] {
        var found = Dictionary(batch.map { ($0.id, [PrerequisiteEdge]()) }, uniquingKeysWith: { a, _ in a })
        for relation in answer["relations"]?.array ?? [] {
            guard let course = relation["course"]?.string, found[course] != nil,
                  let number = relation["prerequisite"]?.string,
                  let kind = relation["relation"]?.string.flatMap(PrerequisiteEdge.Relation.init(rawValue:)),
                  let confidence = relation["confidence"]?.number, let evidence = relation["evidence"]?.string else { continue }
            found[course]?.append(PrerequisiteEdge(number: number, relation: kind, confidence: confidence, evidence: evidence))
        }
        return found
    }
}
