import Catalog
import Engine
import Foundation
import LLM
import Markup
import Render

/// `llmconfig:` is the LLM settings in effect: scrollbuild.yml's `llm:` with the
/// environment's overrides (read from the file the runner keeps in the build folder).
struct LLMConfigRule: Rule {
    let kind = "llmconfig"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        var settings = try await context.settings().llm
        let path = LLMOverrides.path(environment.buildDir)
        if try await context.exists(path) {
            let overrides = try StoredJSON.decode(LLMOverrides.self, from: try await context.read(path))
            settings = overrides.applied(to: settings)
        }
        return try StoredJSON.encode(settings)
    }
}

/// `prompt:<step>` is a step's prompt: `prompts/system.mustache` and `prompts/<step>.mustache`.
/// Editing one step's template reruns that step's tasks only.
struct PromptRule: Rule {
    let kind = "prompt"
    let version = 1
    let environment: PipelineEnvironment

    struct Value: Codable, Sendable {
        var system: String
        var user: String
    }

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let folder = try await context.settings().promptsPath
        var texts: [String] = []
        for name in ["system", key.name] {
            let path = environment.projectPath("\(folder)/\(name).mustache")
            guard try await context.exists(path) else {
                throw PipelineError("\(folder)/\(name).mustache is missing: the '\(key.name)' step needs it "
                                    + "(copy prompts/ from scrollbuild's repository, then edit it)")
            }
            let text = try await context.readText(path)
            _ = try PromptTemplate(text, name: "\(folder)/\(name).mustache")
            texts.append(text)
        }
        return try StoredJSON.encode(Value(system: texts[0], user: texts[1]))
    }
}

/// `schema:<step>` is a step's JSON Schema, from `schemas/<step>.json`, in canonical form.
struct SchemaRule: Rule {
    let kind = "schema"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let file = "\(try await context.settings().schemasPath)/\(key.name).json"
        let path = environment.projectPath(file)
        guard try await context.exists(path) else {
            throw PipelineError("\(file) is missing: the '\(key.name)' step needs its schema (copy schemas/ from scrollbuild's repository)")
        }
        do {
            return try JSONValue(parsing: try await context.read(path)).canonical
        } catch {
            throw PipelineError("\(file): \(error)")
        }
    }
}

/// Everything a module's generate and evaluate steps are given: from a `modules`
/// course's outline and notes, or from a repository course's planned module and documents.
struct ModuleBrief {
    var course: Course
    var title: String
    var summary: String
    var objectives: [String]
    /// Hand-written notes (a `modules` course).
    var notes: String
    /// The documents the module draws on, numbered from 1 (a repository course).
    var documents: [(path: String, title: String, text: String)]

    /// All source text, for the grader's grounding check.
    var sourceText: String {
        ([summary, notes] + documents.map(\.text)).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}

/// What the LLM steps share: finding a module's brief, and asking the scheduler.
struct ModuleStep {
    let environment: PipelineEnvironment

    /// Text of one module's documents given to the model, at most, shared among them.
    static let documentBudget = 24_000

    func brief(_ key: BuildKey, in context: RuleContext) async throws -> ModuleBrief {
        let (id, slug) = try ModulePlanRule.split(key)
        let course = try await environment.need(Keys.course(id), as: Course.self, in: context)
        switch course.source {
        case .modules(let modules):
            guard let number = Int(slug.dropFirst("module-".count)), (1...modules.count).contains(number) else {
                throw PipelineError("no module '\(key.name)'")
            }
            let module = modules[number - 1]
            return ModuleBrief(course: course, title: module.title, summary: module.summary ?? "",
                               objectives: module.lectures, notes: module.notes ?? "", documents: [])
        case .repo:
            let planned = try await context.need(Keys.modulePlan(id, slug), as: Pathway.PlannedModule.self)
            let sources = try await context.need(Keys.sources(id, slug), as: [ScannedDocument].self)
            let texts = try await context.need(sources.map { Keys.document(id, $0.name) }, as: DocumentText.self)
            let share = ModuleStep.documentBudget / max(1, sources.count)
            let documents = zip(sources, texts).map { ($0.path, $1.title ?? $0.path, String($1.markdown.prefix(share))) }
            return ModuleBrief(course: course, title: planned.title, summary: "", objectives: planned.objectives,
                               notes: "", documents: documents)
        case .content:
            throw PipelineError("course '\(id)' has hand-written chapters, not generated modules")
        }
    }

    /// Renders the step's prompt with `inputs` and asks for an answer that fits its schema.
    func ask(_ step: String, version: Int, key: BuildKey, course: Course, inputs: JSONValue,
             in context: RuleContext) async throws -> Data {
        guard let scheduler = environment.scheduler else { throw PipelineError("LLM steps cannot run in this command") }
        let settings = try await environment.need(Keys.llmConfig, as: LLMSettings.self, in: context)
        let prompt = try await environment.need(Keys.prompt(step), as: PromptRule.Value.self, in: context)
        let schema = JSONSchema(try JSONValue(parsing: try await context.need(Keys.schema(step))))
        let variables = ModuleStep.mustacheContext(inputs)
        let messages = [
            ChatMessage(role: "system", content: try PromptTemplate(prompt.system, name: "system").render(variables)),
            ChatMessage(role: "user", content: try PromptTemplate(prompt.user, name: step).render(variables)),
        ]
        let choice = settings.choice(for: step)
        let request = LLMRequest(step: step, stepVersion: version, task: key.description, course: course.id,
                                 choice: choice, messages: messages, schema: schema, inputs: inputs,
                                 policy: settings.policy(model: choice.model, course: course.id))
        return try await scheduler.answer(request).canonical
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

/// `generate:<id>/<slug>` writes one module (the `generate-module` step), grades it (the
/// `evaluate-module` step) and, while it scores below the threshold, writes it again with
/// the critique, up to `evaluation.regenerations` times; then it is kept and flagged.
/// Every answer is cached by its request, so a crash loses none of them.
struct GenerateRule: Rule {
    let kind = "generate"
    let version = 2
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let step = ModuleStep(environment: environment)
        let brief = try await step.brief(key, in: context)
        let settings = try await context.settings().evaluation
        let course = brief.course
        let base: [String: JSONValue] = [
            "course_title": .string(course.title), "course_description": .string(course.description),
            "level": .string(course.level.rawValue), "audience": .string(course.audience ?? ""),
            "title": .string(brief.title), "summary": .string(brief.summary),
            "lectures": .array(brief.objectives.map(JSONValue.string)), "source": .string(brief.notes),
            "documents": .array(brief.documents.enumerated().map { n, d in
                ["number": .number(Double(n + 1)), "path": .string(d.path), "title": .string(d.title), "text": .string(d.text)]
            }),
            "house_sections": .array(settings.sections.map(JSONValue.string)),
            "themes": .array(settings.themes.map(JSONValue.string)),
        ]
        var inputs = base
        var attempts = 0
        while true {
            attempts += 1
            let module = try JSONValue(parsing: try await step.ask("generate-module", version: 1, key: key, course: course,
                                                                   inputs: .object(inputs), in: context))
            let grading: JSONValue = [
                "level": .string(course.level.rawValue), "module": module, "module_json": .string(module.canonicalText),
                "objectives": .array(brief.objectives.map(JSONValue.string)), "summary": .string(brief.summary),
                "source": .string(brief.sourceText), "house_sections": base["house_sections"]!, "themes": base["themes"]!,
            ]
            let evaluation = try JSONValue(parsing: try await step.ask("evaluate-module", version: 1, key: key, course: course,
                                                                       inputs: grading, in: context))
            let score = evaluation["score"]?.number ?? 0
            if score >= settings.threshold || attempts > settings.regenerations {
                let result = ModuleResult(module: try StoredJSON.decode(ModuleContent.self, from: module.canonical),
                                          evaluation: try StoredJSON.decode(ModuleEvaluation.self, from: evaluation.canonical),
                                          attempts: attempts, threshold: settings.threshold, flagged: score < settings.threshold)
                if result.flagged {
                    context.warn("scored \(SiteRenderer.percent(score)) after \(attempts) attempts, below the threshold "
                                 + "\(SiteRenderer.percent(settings.threshold)); flagged on its page")
                }
                return try StoredJSON.encode(result)
            }
            inputs["critique"] = evaluation["critique"] ?? ""
            inputs["previous_score"] = .number(score)
        }
    }
}
