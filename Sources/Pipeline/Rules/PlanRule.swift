import Catalog
import Engine
import Foundation
import LLM
import OfflineAuthor
import Markup

/// `plan:<id>` proposes pathway options from every document's analysis, the overview,
/// and the course's level and audience (the `plan-pathways` step). Documents come in the
/// authors' reading order, reference pages last; stubs, changelogs and licences not at all.
struct PlanRule: TypedRule {
    let version = 1  // the request's step version: changing it would pay for every plan again
    let environment: PipelineEnvironment

    func compute(_ key: PlanKey, in context: RuleContext) async throws -> JSONValue {
        let course = try await context.need(CourseKey(course: key.course))
        let scan = try await context.need(ScanKey(course: course.id))
        let order = try await context.need(OrderKey(course: course.id))
        let byPath = Dictionary(scan.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let reference = Set(order.reference)
        let chosen = (order.teaching + order.reference).compactMap { byPath[$0] }
        let analyses = try await context.need(chosen.map { AnalyseKey(course: course.id, document: $0.ref) })
        var overview = ""
        if let document = scan.overview {
            overview = String(try await context.need(DocumentKey(course: course.id, document: document.ref)).markdown.prefix(6000))
        }
        let documents = zip(chosen, analyses).enumerated().map { n, pair in
            let (document, analysis) = pair
            return PlanningRequest.Document(
                number: n + 1, path: document.path, title: analysis["title"]?.string ?? document.path,
                type: analysis["type"]?.string ?? "other", complexity: analysis["complexity"]?.string ?? "intermediate",
                summary: analysis["summary"]?.string ?? "",
                concepts: (analysis["key_concepts"]?.array ?? []).compactMap(\.string).joined(separator: ", "),
                objectives: (analysis["learning_objectives"]?.array ?? []).compactMap(\.string),
                words: analysis["word_count"]?.int ?? 0, appendix: reference.contains(document.path))
        }
        let request = PlanningRequest(courseTitle: course.title, courseDescription: course.description,
                                      level: course.level.rawValue, audience: course.audience ?? "", overview: overview,
                                      documents: documents, order: order.declaredBy ?? "",
                                      skipped: order.skipped.map { "\($0.path): \($0.reason)" })
        return try await ModuleStep(environment: environment)
            .ask(PlanningRequest.step, version: version, key: key, course: course, request: request, in: context)
    }
}

