import Catalog
import Engine
import Foundation
import LLM
import Render

/// `generate:<id>/<slug>` writes one module (the `generate-module` step), grades it (the
/// `evaluate-module` step) and, while it scores below the threshold, writes it again with
/// the critique, up to `evaluation.regenerations` times; then it is kept and flagged.
/// Every answer is cached by its request, so a crash loses none of them.
struct GenerateRule: TypedRule {
    let version = 3  // 3: typed value
    let environment: PipelineEnvironment

    func compute(_ key: GenerateKey, in context: RuleContext) async throws -> ModuleResult {
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
            let module = try await step.ask("generate-module", version: 1, key: key, course: course,
                                            inputs: .object(inputs), in: context)
            let grading: JSONValue = [
                "level": .string(course.level.rawValue), "module": module, "module_json": .string(module.canonicalText),
                "objectives": .array(brief.objectives.map(JSONValue.string)), "summary": .string(brief.summary),
                "source": .string(brief.sourceText), "house_sections": base["house_sections"]!, "themes": base["themes"]!,
            ]
            let evaluation = try await step.ask("evaluate-module", version: 1, key: key, course: course,
                                                inputs: grading, in: context)
            let score = evaluation["score"]?.number ?? 0
            if score >= settings.threshold || attempts > settings.regenerations {
                let result = ModuleResult(module: try StoredValue.decode(ModuleContent.self, from: module.canonical),
                                          evaluation: try StoredValue.decode(ModuleEvaluation.self, from: evaluation.canonical),
                                          attempts: attempts, threshold: settings.threshold, flagged: score < settings.threshold)
                if result.flagged {
                    context.warn("scored \(SiteRenderer.percent(score)) after \(attempts) attempts, below the threshold "
                                 + "\(SiteRenderer.percent(settings.threshold)); flagged on its page")
                }
                return result
            }
            inputs["critique"] = evaluation["critique"] ?? ""
            inputs["previous_score"] = .number(score)
        }
    }
}
