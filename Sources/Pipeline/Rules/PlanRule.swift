import Catalog
import Engine
import Foundation
import LLM
import Markup

/// `plan:<id>` proposes pathway options from every document's analysis, the overview,
/// and the course's level and audience (the `plan-pathways` step).
struct PlanRule: TypedRule {
    let version = 1  // the request's step version: changing it would pay for every plan again
    let environment: PipelineEnvironment

    func compute(_ key: PlanKey, in context: RuleContext) async throws -> JSONValue {
        let course = try await context.need(CourseKey(course: key.course))
        let scan = try await context.need(ScanKey(course: course.id))
        let analyses = try await context.need(scan.documents.map { AnalyseKey(course: course.id, document: $0.ref) })
        var overview = ""
        if let document = scan.overview {
            overview = String(try await context.need(DocumentKey(course: course.id, document: document.ref)).markdown.prefix(6000))
        }
        let documents: [JSONValue] = zip(scan.documents, analyses).enumerated().map { n, pair in
            let (document, analysis) = pair
            return [
                "number": .number(Double(n + 1)), "path": .string(document.path),
                "title": analysis["title"] ?? .string(document.path), "type": analysis["type"] ?? "other",
                "complexity": analysis["complexity"] ?? "intermediate", "summary": analysis["summary"] ?? "",
                "concepts": .string((analysis["key_concepts"]?.array ?? []).compactMap(\.string).joined(separator: ", ")),
                "objectives": analysis["learning_objectives"] ?? [], "words": analysis["word_count"] ?? 0,
            ]
        }
        let inputs: JSONValue = [
            "course_title": .string(course.title), "course_description": .string(course.description),
            "level": .string(course.level.rawValue), "audience": .string(course.audience ?? ""),
            "overview": .string(overview), "documents": .array(documents),
        ]
        return try await ModuleStep(environment: environment)
            .ask("plan-pathways", version: version, key: key, course: course, inputs: inputs, in: context)
    }
}

