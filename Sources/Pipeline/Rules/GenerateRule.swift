import Catalog
import Engine
import Foundation
import LLM
import OfflineAuthor
import Render

/// `generate:<id>/<slug>` writes one module (the `generate-module` step), grades it (the
/// `evaluate-module` step) and, while it scores below the threshold, writes it again with
/// the critique, up to `evaluation.regenerations` times; then it is kept and flagged.
/// Every answer is cached by its request, so a crash loses none of them.
struct GenerateRule: TypedRule {
    let version = 9  // 4 to 9: the rubric's checks
    let environment: PipelineEnvironment

    func compute(_ key: GenerateKey, in context: RuleContext) async throws -> ModuleResult {
        let step = ModuleStep(environment: environment)
        let brief = try await step.brief(key, in: context)
        let settings = try await context.settings().evaluation
        let course = brief.course
        var request = ModuleRequest(
            courseTitle: course.title, courseDescription: course.description, level: course.level.rawValue,
            audience: course.audience ?? "", title: brief.title, summary: brief.summary, lectures: brief.objectives,
            source: brief.notes,
            documents: brief.documents.enumerated().map { n, d in
                ModuleRequest.Document(number: n + 1, path: d.path, title: d.title, text: d.text, opening: d.full.opening,
                                       sections: d.full.sections)
            },
            houseSections: settings.sections, themes: settings.themes)
        var otherTitles = try await context.need(ModuleTitlesKey(course: key.course))
        if let own = otherTitles.firstIndex(of: brief.title) { otherTitles.remove(at: own) }
        var attempts = 0
        while true {
            attempts += 1
            let sources = brief.quotable
            let module = try await step.ask(ModuleRequest.step, version: 1, key: key, course: course, request: request,
                                            check: { QuoteCheck.problems($0, sources: sources) }, in: context)
            let grading = GradingRequest(level: course.level.rawValue, module: module, objectives: brief.objectives,
                                         summary: brief.summary, source: brief.sourceText,
                                         houseSections: settings.sections, themes: settings.themes)
            let evaluation = try await step.ask(GradingRequest.step, version: 1, key: key, course: course, request: grading,
                                                in: context)
            let checks = ModuleChecks(module: module, sources: .init(texts: brief.quotable, otherTitles: otherTitles)).run()
            let failed = checks.filter { !$0.passed }
            let score = ModuleChecks.capped(evaluation["score"]?.number ?? 0, checks: checks, threshold: settings.threshold)
            if score >= settings.threshold || attempts > settings.regenerations {
                var graded = try StoredValue.decode(ModuleEvaluation.self, from: evaluation.canonical)
                graded.score = score
                graded.checks = checks.map { ModuleEvaluation.Check(name: $0.name, passed: $0.passed, detail: $0.detail) }
                let result = ModuleResult(module: try StoredValue.decode(ModuleContent.self, from: module.canonical),
                                          evaluation: graded, attempts: attempts, threshold: settings.threshold,
                                          flagged: score < settings.threshold)
                if result.flagged {
                    let named = failed.isEmpty ? "" : "; failed checks: " + failed.map(\.name).joined(separator: ", ")
                    context.warn("scored \(SiteRenderer.percent(score)) after \(attempts) attempts, below the threshold "
                                 + "\(SiteRenderer.percent(settings.threshold))\(named); flagged on its page")
                }
                return result
            }
            let critique = evaluation["critique"]?.string ?? ""
            request.critique = ([critique] + failed.map { "\($0.name): \($0.detail)" }).filter { !$0.isEmpty }
                .joined(separator: "\n")
            request.previousScore = score
        }
    }
}
