import Engine
import Foundation
import LLM
import OfflineAuthor
import Packages
import Store

/// `bookparts:<id>/<slug>` asks the `book-parts` step for the textbook parts of one
/// module (lecture notes, exercises, prompts with rubrics, study guide, flashcards,
/// discussion questions, resources), from the module the generate task settled on and the
/// house style. Its answer is cached by its request like every LLM step's.
struct BookPartsRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: BookPartsKey, in context: RuleContext) async throws -> BookParts {
        let course = try await context.need(CourseKey(course: key.course))
        let result = try await context.need(GenerateKey(course: key.course, slug: key.slug))
        let objectives = try await objectives(key, in: context)
        let style = try await context.settings().evaluation
        let module = result.module
        let request = BookPartsRequest(
            courseTitle: course.title, level: course.level.rawValue, audience: course.audience ?? "", title: module.title,
            objectives: objectives, introduction: module.introduction,
            sections: module.sections.map { .init(heading: $0.heading, body: $0.body) },
            keyTerms: module.keyTerms.map { .init(term: $0.term, definition: $0.definition) }, summary: module.summary,
            links: [], houseSections: style.sections, themes: style.themes)
        let answer = try await ModuleStep(environment: environment)
            .ask(BookPartsRequest.step, version: 1, key: key, course: course, request: request, in: context)
        return try StoredValue.decode(BookParts.self, from: answer.canonical)
    }

    private func objectives(_ key: BookPartsKey, in context: RuleContext) async throws -> [String] {
        let course = try await context.need(CourseKey(course: key.course))
        if case .modules(let modules) = course.source, let number = Int(key.slug.dropFirst("module-".count)),
           modules.indices.contains(number - 1) {
            return modules[number - 1].lectures
        }
        return try await context.need(ModulePlanKey(course: key.course, slug: key.slug)).objectives
    }
}
