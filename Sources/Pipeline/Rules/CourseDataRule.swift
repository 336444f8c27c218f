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
///
/// For a course with packages, it holds what they are made from too: when the material
/// last changed (`modified`), a content course's chapters' Markdown and the files they
/// name, and each module's worked example and book parts.
struct CourseDataRule: TypedRule {
    let version = 2  // 2: modified, chapters' text, worked examples, book parts
    let environment: PipelineEnvironment

    static func path(_ course: String) -> String { "api/courses/\(course).json" }

    func compute(_ key: CourseDataKey, in context: RuleContext) async throws -> String {
        let course = try await context.need(CourseKey(course: key.course))
        let outline = try await context.need(OutlineKey(course: key.course))
        let outputs = try await context.outputs(of: course)
        let packaged = !outputs.subtracting([.site]).isEmpty
        var data: [String: JSONValue] = [
            "id": .string(course.id), "title": .string(course.title), "subject": .string(course.subject),
            "level": .string(course.level.rawValue), "description": .string(course.description),
            "audience": .string(course.audience ?? ""), "prerequisites": .array(course.prerequisites.map(JSONValue.string)),
        ]
        switch course.source {
        case .content:
            data["kind"] = "content"
            if packaged {
                data["chapters"] = .array(try await chapters(course, outline, in: context))
            } else {
                data["chapters"] = .array(outline.entries.map { ["slug": .string($0.slug), "title": .string($0.title)] })
            }
        case .modules(let modules):
            data["kind"] = "modules"
            var values: [JSONValue] = []
            for (entry, module) in zip(outline.entries, modules) {
                let result = try await context.need(GenerateKey(course: course.id, slug: entry.slug))
                var value = try CourseDataRule.module(entry, objectives: module.lectures, sources: [], result)
                if outputs.contains(.book) { value["book_parts"] = try await bookParts(course.id, entry.slug, in: context) }
                values.append(.object(value))
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
                var value = try CourseDataRule.module(entry, objectives: planned.objectives, sources: sources, result)
                if outputs.contains(.book) { value["book_parts"] = try await bookParts(course.id, entry.slug, in: context) }
                values.append(.object(value))
            }
            data["modules"] = .array(values)
            let order = try await context.need(OrderKey(course: course.id))
            data["skipped"] = .array(order.skipped.map { ["path": .string($0.path), "reason": .string($0.reason)] })
        case .external(let link):
            data["kind"] = "external"
            data["external"] = ["provider": .string(link.provider), "provider_name": .string(link.providerName),
                                "url": .string(link.url), "course_numbers": .array(link.courseNumbers.map(JSONValue.string)),
                                "removed": .bool(link.removed)]
        }
        if packaged { data["modified"] = .string(try await modified(course, in: context)) }
        let bytes = Data(JSONValue.object(data).canonicalText.utf8)
        try context.write(environment.sitePath(CourseDataRule.path(course.id)), bytes)
        return ContentHash(of: bytes).hex
    }

    /// A content course's chapters with their Markdown (its first heading, the chapter's
    /// title, left out) and the files they name.
    private func chapters(_ course: Course, _ outline: Outline, in context: RuleContext) async throws -> [JSONValue] {
        let folder = try await context.settings().contentPath + "/" + course.id
        let slugs = Set(outline.entries.map(\.slug))
        var chapters: [JSONValue] = []
        for entry in outline.entries {
            let file = folder + "/" + entry.slug + ".md"
            let text = try await context.readText(environment.projectPath(file))
            let links = ChapterLinks(course: course.id, file: file, chapters: slugs, environment: environment, forPage: false)
            let (markdown, assets) = try await links.resolved(CourseDataRule.droppingTitle(text), in: context)
            chapters.append(["slug": .string(entry.slug), "title": .string(entry.title), "markdown": .string(markdown),
                             "assets": .object(assets.mapValues(JSONValue.string))])
        }
        return chapters
    }

    /// Markdown without a level-1 heading on its first line.
    static func droppingTitle(_ text: String) -> String {
        let trimmed = text.drop { $0 == "\n" || $0 == "\r" }
        guard trimmed.hasPrefix("# ") else { return text }
        return String(trimmed.drop { $0 != "\n" }.dropFirst())
    }

    /// A module's book parts, as data.
    private func bookParts(_ course: String, _ slug: String, in context: RuleContext) async throws -> JSONValue {
        try JSONValue(encoding: try await context.need(BookPartsKey(course: course, slug: slug)))
    }

    /// When the course's material last changed, as `YYYY-MM-DDThh:mm:ssZ`: a repository
    /// course's commit time, else its catalog file's (and chapters') modification time.
    private func modified(_ course: Course, in context: RuleContext) async throws -> String {
        if let repository = course.source.repository,
           let pin = try await context.need(FetchKey(course: course.id)).pin {
            return CourseDataRule.timestamp(try await environment.git.time(url: repository.url, commit: pin.commit))
        }
        var files = [try await context.need(LocateKey(course: course.id)).file]
        if case .content = course.source { files += try await context.need(ChaptersKey(course: course.id)) }
        var latest: Int64 = 0
        for file in files { latest = max(latest, try await context.modificationTime(environment.projectPath(file)) ?? 0) }
        return CourseDataRule.timestamp(latest / 1_000_000_000)
    }

    /// Seconds since the epoch as `YYYY-MM-DDThh:mm:ssZ` (UTC).
    static func timestamp(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// One module as data: what the generate task settled on, and where it came from.
    static func module(_ entry: Outline.Entry, objectives: [String], sources: [JSONValue], _ result: ModuleResult) throws -> [String: JSONValue] {
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
        var module: [String: JSONValue] = [
            "slug": .string(entry.slug), "title": .string(entry.title),
            "reading_minutes": .number(Double(entry.minutes ?? max(1, (words + 199) / 200))),
            "objectives": .array(objectives.map(JSONValue.string)), "sources": .array(sources),
            "introduction": content["introduction"] ?? "", "sections": content["sections"] ?? [],
            "key_terms": content["key_terms"] ?? [], "questions": content["questions"] ?? [],
            "flashcards": content["flashcards"] ?? [], "summary": content["summary"] ?? "",
            "evaluation": evaluation,
        ]
        if let example = content["worked_example"] { module["worked_example"] = example }
        return module
    }
}

/// `catalogdata:` writes `api/catalog.json`: every course that built, in brief, with where
/// its data is (and, for an imported course, the site that publishes it).
struct CatalogDataRule: TypedRule {
    let version = 2  // 2: provider
    let environment: PipelineEnvironment

    func compute(_ key: CatalogDataKey, in context: RuleContext) async throws -> String {
        // Only the courses that built, as on the index: a broken course fails alone.
        let listed = try await context.builtCourses()
        // Written as it goes, keys sorted as `canonicalText` sorts them, a batch of summaries
        // at a time: at 10,000 courses a tree of values was megabytes at the build's peak.
        var bytes = Data("{\"courses\":[".utf8)
        for start in stride(from: 0, to: listed.count, by: SearchIndexRule.batch) {
            var text = ""
            for summary in try await context.need(listed[start..<min(start + SearchIndexRule.batch, listed.count)].map { SummaryKey(course: $0) }) {
                var fields: [(String, JSONValue)] = [
                    ("blurb", .string(summary.blurb)), ("data", .string("courses/\(summary.id).json")), ("id", .string(summary.id)),
                    ("level", .string(summary.level)), ("pages", .number(Double(summary.pageCount)))]
                if let provider = summary.provider { fields.append(("provider", .string(provider))) }
                fields += [("site", .string("../\(summary.id)/index.html")), ("subject", .string(summary.subject)),
                           ("title", .string(summary.title))]
                text += text.isEmpty && start == 0 ? "{" : ",{"
                text += fields.map { key, value in "\"\(key)\":" + value.canonicalText }.joined(separator: ",")
                text += "}"
            }
            bytes.append(contentsOf: text.utf8)
        }
        bytes.append(contentsOf: "]}".utf8)
        try context.write(environment.sitePath("api/catalog.json"), bytes)
        return ContentHash(of: bytes).hex
    }
}
