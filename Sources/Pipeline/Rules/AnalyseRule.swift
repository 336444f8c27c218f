import Catalog
import Engine
import Foundation
import LLM
import OfflineAuthor
import Markup

/// `analyse:<id>/<blob>.<format>` is what one document teaches (the `analyse-document`
/// step): keyed by blob, so only a document whose content changed is analysed again.
struct AnalyseRule: TypedRule {
    let version = 1  // the request's step version: changing it would pay for every analysis again
    let environment: PipelineEnvironment

    static let textLimit = 16_000

    func compute(_ key: AnalyseKey, in context: RuleContext) async throws -> JSONValue {
        let course = try await context.need(CourseKey(course: key.course))
        let document = try await context.need(DocumentKey(course: key.course, document: key.document))
        let request = AnalysisRequest(title: document.title ?? "", text: String(document.markdown.prefix(AnalyseRule.textLimit)),
                                      words: document.words, level: course.level.rawValue, audience: course.audience ?? "")
        return try await ModuleStep(environment: environment)
            .ask(AnalysisRequest.step, version: version, key: key, course: course, request: request, in: context)
    }
}
