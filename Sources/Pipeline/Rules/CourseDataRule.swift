import Catalog
import Engine
import Foundation
import LLM
import Render
import Store

/// `coursedata:<id>` writes `api/courses/<id>.json`: the course as data, for other tools
/// and for checking what the build wrote (schemas/course.json describes it). Its modules
/// in order, each with its sources, sections (Markdown), objectives, key terms, questions
/// with their quotes, flashcards, and evaluation with every check; a content course's
/// chapters. Canonical JSON (sorted keys), so the same build gives the same bytes.
struct CourseDataRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    static func path(_ course: String) -> String { "api/courses/\(course).json" }

    func compute(_ key: CourseDataKey, in context: RuleContext) async throws -> String {
        let course = try await context.need(CourseKey(course: key.course))
        let outline = try await context.need(OutlineKey(course: key.course))
        var data: [String: JSONValue] = [
            "id": .string(course.id), "title": .string(course.title), "subject": .string(course.subject),
            "level": .string(course.level.rawValue), "description": .string(course.description),
            "audience": .string(course.audience ?? ""), "prerequisites": .array(course.prerequisites.map(JSONValue.string)),
        ]
        switch course.source {
        case .content:
            data["kind"] = "content"
            data["chapters"] = .array(outline.entries.map { ["slug": .string($0.slug), "title": .string($0.title)] })
        case .modules(let modules):
            data["kind"] = "modules"
            var values: [JSONValue] = []
            for (entry, module) in zip(outline.entries, modules) {
                let result = try await context.need(GenerateKey(course: course.id, slug: entry.slug))
                values.append(try CourseDataRule.module(entry, objectives: module.lectures, sources: [], result))
            }
            data["modules"] = .array(values)
        case .repo:
            data["kind"] = "repo"
            let revision = try await context.need(FetchKey(course: course.id))
            let commit = revision.pin?.commit ?? ""
            var values: [JSONValue] = []
            for entry in outline.entries {
                let planned = try await context.need(ModulePlanKey(course: course.id, slug: entry.slug))
                let documents = try await context.need(SourcesKey(course: course.id, slug: entry.slug))
                let texts = try await context.need(documents.map { DocumentKey(course: course.id, document: $0.ref) })
                let sources: [JSONValue] = zip(documents, texts).map { document, text in
                    ["path": .string(document.path), "commit": .string(commit),
                     "anchors": .array(text.sections.map { .string($0.anchor) })]
                }
                let result = try await context.need(GenerateKey(course: course.id, slug: entry.slug))
                values.append(try CourseDataRule.module(entry, objectives: planned.objectives, sources: sources, result))
            }
            data["modules"] = .array(values)
            let order = try await context.need(OrderKey(course: course.id))
            data["skipped"] = .array(order.skipped.map { ["path": .string($0.path), "reason": .string($0.reason)] })
        }
        let bytes = Data(JSONValue.object(data).canonicalText.utf8)
        try context.write(environment.sitePath(CourseDataRule.path(course.id)), bytes)
        return ContentHash(of: bytes).hex
    }

    /// One module as data: what the generate task settled on, and where it came from.
    static func module(_ entry: Outline.Entry, objectives: [String], sources: [JSONValue], _ result: ModuleResult) throws -> JSONValue {
        let content = try JSONValue(encoding: result.module)
        let words = ([result.module.introduction] + result.module.sections.map(\.body))
            .reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
        let evaluation: JSONValue = [
            "score": .number(result.evaluation.score), "threshold": .number(result.threshold),
            "flagged": .bool(result.flagged), "attempts": .number(Double(result.attempts)),
            "checks": .array((result.evaluation.checks ?? []).map {
                ["name": .string($0.name), "passed": .bool($0.passed), "detail": .string($0.detail)]
            }),
        ]
        return [
            "slug": .string(entry.slug), "title": .string(entry.title),
            "reading_minutes": .number(Double(entry.minutes ?? max(1, (words + 199) / 200))),
            "objectives": .array(objectives.map(JSONValue.string)), "sources": .array(sources),
            "introduction": content["introduction"] ?? "", "sections": content["sections"] ?? [],
            "key_terms": content["key_terms"] ?? [], "questions": content["questions"] ?? [],
            "flashcards": content["flashcards"] ?? [], "summary": content["summary"] ?? "",
            "evaluation": evaluation,
        ]
    }
}

/// `catalogdata:` writes `api/catalog.json`: every course that built, in brief, with where its data is.
struct CatalogDataRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: CatalogDataKey, in context: RuleContext) async throws -> String {
        // Only the courses that built, as on the index: a broken course fails alone.
        let listed = try await context.builtCourses()
        let summaries = try await context.need(listed.map { SummaryKey(course: $0) })
        let courses: [JSONValue] = summaries.map { summary in
            ["id": .string(summary.id), "title": .string(summary.title), "subject": .string(summary.subject),
             "level": .string(summary.level), "blurb": .string(summary.blurb), "pages": .number(Double(summary.pageCount)),
             "data": .string("courses/\(summary.id).json"), "site": .string("../\(summary.id)/index.html")]
        }
        let bytes = Data(JSONValue.object(["courses": .array(courses)]).canonicalText.utf8)
        try context.write(environment.sitePath("api/catalog.json"), bytes)
        return ContentHash(of: bytes).hex
    }
}
