import Catalog
import Engine
import Foundation
import LLM
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

/// What the two module steps share: finding the module, and asking the scheduler.
struct ModuleStep {
    let environment: PipelineEnvironment

    func module(_ key: BuildKey, in context: RuleContext) async throws -> (Course, Module, slug: String) {
        let parts = key.name.split(separator: "/", maxSplits: 1).map(String.init)
        let course = try await environment.need(Keys.course(parts[0]), as: Course.self, in: context)
        guard parts.count == 2, case .modules(let modules) = course.source,
              let number = Int(parts[1].dropFirst("module-".count)), (1...modules.count).contains(number) else {
            throw PipelineError("no module '\(key.name)'")
        }
        return (course, modules[number - 1], parts[1])
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

/// `generate:<id>/<slug>` writes one module of a `modules` course from its outline entry
/// and notes (the `generate-module` step).
struct GenerateRule: Rule {
    let kind = "generate"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let step = ModuleStep(environment: environment)
        let (course, module, _) = try await step.module(key, in: context)
        let inputs: JSONValue = [
            "course_title": .string(course.title), "course_description": .string(course.description),
            "level": .string(course.level.rawValue), "audience": .string(course.audience ?? ""),
            "title": .string(module.title), "summary": .string(module.summary ?? ""),
            "lectures": .array(module.lectures.map(JSONValue.string)), "source": .string(module.notes ?? ""),
        ]
        return try await step.ask("generate-module", version: version, key: key, course: course, inputs: inputs, in: context)
    }
}

/// `evaluate:<id>/<slug>` scores a generated module against the rubric (the
/// `evaluate-module` step).
struct EvaluateRule: Rule {
    let kind = "evaluate"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let step = ModuleStep(environment: environment)
        let (course, module, slug) = try await step.module(key, in: context)
        let generated = try JSONValue(parsing: try await context.need(Keys.generate(course.id, slug)))
        let inputs: JSONValue = [
            "level": .string(course.level.rawValue), "module": generated, "module_json": .string(generated.canonicalText),
            "objectives": .array(module.lectures.map(JSONValue.string)), "summary": .string(module.summary ?? ""),
            "source": .string([module.summary ?? "", module.notes ?? ""].joined(separator: "\n\n")),
        ]
        return try await step.ask("evaluate-module", version: version, key: key, course: course, inputs: inputs, in: context)
    }
}
