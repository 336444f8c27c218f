import Catalog
import Engine
import Foundation
import LLM
import Markup
import Render

/// Everything a module's generate and evaluate steps are given: from a `modules`
/// course's outline and notes, or from a repository course's planned module and documents.
struct ModuleBrief {
    var course: Course
    var title: String
    var summary: String
    var objectives: [String]
    /// Hand-written notes (a `modules` course).
    var notes: String
    /// The documents the module draws on, numbered from 1 (a repository course): the
    /// prompt's share of each one's text, and all of it, cut into sections.
    var documents: [(path: String, title: String, text: String, full: DocumentText)]

    /// Each source's text by the path questions quote it by (`notes` for an outline
    /// module's notes and summary); empty when the module has no source text at all.
    var quotable: [String: String] {
        var texts = Dictionary(documents.map { ($0.path, $0.full.markdown) }, uniquingKeysWith: { a, _ in a })
        let notes = [notes, summary].filter { !$0.isEmpty }.joined(separator: "\n\n")
        if !notes.isEmpty { texts["notes"] = notes }
        return texts
    }

    /// All source text, for the grader's grounding check and the rubric's checks.
    var sourceText: String {
        ([summary, notes] + documents.map(\.full.markdown)).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}

/// What the LLM steps share: finding a module's brief, and asking the scheduler.
struct ModuleStep {
    let environment: PipelineEnvironment

    /// Text of one module's documents given to the model, at most, shared among them.
    static let documentBudget = 24_000

    func brief(_ key: GenerateKey, in context: RuleContext) async throws -> ModuleBrief {
        let (id, slug) = (key.course, key.slug)
        let course = try await context.need(CourseKey(course: id))
        switch course.source {
        case .modules(let modules):
            guard let number = Int(slug.dropFirst("module-".count)), (1...modules.count).contains(number) else {
                throw PipelineError("no module '\(key)'")
            }
            let module = modules[number - 1]
            return ModuleBrief(course: course, title: module.title, summary: module.summary ?? "",
                               objectives: module.lectures, notes: module.notes ?? "", documents: [])
        case .repo:
            let planned = try await context.need(ModulePlanKey(course: id, slug: slug))
            let sources = try await context.need(SourcesKey(course: id, slug: slug))
            let texts = try await context.need(sources.map { DocumentKey(course: id, document: $0.ref) })
            let share = ModuleStep.documentBudget / max(1, sources.count)
            let documents = zip(sources, texts).map { ($0.path, $1.title ?? $0.path, String($1.markdown.prefix(share)), $1) }
            return ModuleBrief(course: course, title: planned.title, summary: "", objectives: planned.objectives,
                               notes: "", documents: documents)
        case .content:
            throw PipelineError("course '\(id)' has hand-written chapters, not generated modules")
        case .external:
            throw PipelineError("course '\(id)' is published by another site, not generated")
        }
    }

    /// Renders the step's prompt with `inputs` and asks for an answer that fits its schema.
    func ask(_ step: String, version: Int, key: some TypedKey, course: Course, request typed: some Encodable,
             check: (@Sendable (JSONValue) -> [String])? = nil, in context: RuleContext) async throws -> JSONValue {
        let inputs = try JSONValue(encoding: typed)
        guard let scheduler = environment.scheduler else { throw PipelineError("LLM steps cannot run in this command") }
        let settings = try await context.need(LLMConfigKey())
        let prompt = try await context.need(PromptKey(step))
        let schema = JSONSchema(try await context.need(SchemaKey(step)))
        let variables = ModuleStep.mustacheContext(inputs)
        let messages = [
            ChatMessage(role: "system", content: try PromptTemplate(prompt.system, name: "system").render(variables)),
            ChatMessage(role: "user", content: try PromptTemplate(prompt.user, name: step).render(variables)),
        ]
        let choice = settings.choice(for: step)
        let request = LLMRequest(step: step, stepVersion: version, task: key.description, course: course.id,
                                 choice: choice, messages: messages, schema: schema, inputs: inputs,
                                 policy: settings.policy(model: choice.model, course: course.id, step: step), check: check)
        return try await scheduler.answer(request)
    }

    /// A JSON value as Mustache reads it.
    static func mustacheContext(_ value: JSONValue) -> Any {
        switch value {
        case .null: return ""
        case .bool(let b): return b
        case .number(let n): return value.int.map { $0 as Any } ?? n
        case .string(let s): return s
        case .array(let items): return items.map(mustacheContext)
        case .object(let fields): return fields.mapValues(mustacheContext)
        }
    }
}
