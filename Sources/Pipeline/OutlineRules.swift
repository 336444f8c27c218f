import Catalog
import Engine
import Foundation
import Markup
import Render

/// `chapters:<id>` lists a content course's chapter files: those the course names, or
/// every Markdown file in `content/<id>/`, sorted by name.
struct ChaptersRule: Rule {
    let kind = "chapters"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await context.need(Keys.course(key.name), as: Course.self)
        guard case .content(let listed) = course.source else { return try StoredJSON.encode([String]()) }
        let folder = try await context.settings().contentPath + "/" + course.id
        guard try await context.exists(environment.projectPath(folder)) else {
            throw PipelineError("course '\(course.id)' has source kind 'content' but \(folder)/ does not exist; "
                                + "write its chapters there as Markdown files")
        }
        let present = try await context.list(environment.projectPath(folder)).filter { $0.hasSuffix(".md") }
        if let listed {
            if let missing = listed.first(where: { !present.contains($0) }) {
                throw PipelineError("course '\(course.id)' lists chapter '\(missing)', which is not in \(folder)/")
            }
            return try StoredJSON.encode(listed.map { folder + "/" + $0 })
        }
        return try StoredJSON.encode(present.map { folder + "/" + $0 })
    }
}

/// `title:<file>` is a chapter's title: its first heading, else its file name.
struct TitleRule: Rule {
    let kind = "title"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let text = try await context.readText(environment.projectPath(key.name))
        return Data((MarkdownDocument(text).title ?? TitleRule.fallback(for: key.name)).utf8)
    }

    /// `content/x/02-first-steps.md` → `First steps`.
    static func fallback(for file: String) -> String {
        let stem = slug(of: file)
        let words = stem.drop { $0.isNumber || $0 == "-" || $0 == "_" }.split(whereSeparator: { $0 == "-" || $0 == "_" })
        let text = words.joined(separator: " ")
        return text.isEmpty ? stem : text.prefix(1).uppercased() + text.dropFirst()
    }

    /// A chapter file's page name: its file name without folder or `.md`.
    static func slug(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// `outline:<id>` is the course's table of contents (chapters, or modules of an outline).
struct OutlineRule: Rule {
    let kind = "outline"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await context.need(Keys.course(key.name), as: Course.self)
        var entries: [Outline.Entry] = []
        switch course.source {
        case .content:
            let files = try await context.need(Keys.chapters(course.id), as: [String].self)
            let titles = try await context.need(files.map(Keys.title))
            entries = zip(files, titles).map { Outline.Entry(slug: TitleRule.slug(of: $0), title: String(decoding: $1, as: UTF8.self)) }
        case .modules(let modules):
            entries = modules.enumerated().map { n, module in
                Outline.Entry(slug: String(format: "module-%02d", n + 1), title: module.title)
            }
        case .repo:
            let pathway = try await context.need(Keys.pathway(course.id), as: Pathway.self)
            entries = pathway.chosenOption.modules.map { Outline.Entry(slug: $0.id, title: $0.title, minutes: $0.minutes) }
        }
        return try StoredJSON.encode(Outline(courseID: course.id, courseTitle: course.title, entries: entries))
    }
}

/// `summary:<id>` is what the index (and courses that require this one) show of it.
struct SummaryRule: Rule {
    let kind = "summary"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await context.need(Keys.course(key.name), as: Course.self)
        let outline = try await context.need(Keys.outline(key.name), as: Outline.self)
        let blurb = MarkdownDocument(course.description).firstParagraph ?? ""
        return try StoredJSON.encode(CourseSummary(id: course.id, title: course.title, subject: course.subject,
                                                   level: course.level.rawValue, blurb: blurb,
                                                   pageCount: outline.entries.count))
    }
}
