import Catalog
import Markup

/// Renders the site's pages to HTML strings. Writes nothing; the pipeline decides where
/// each page goes. The same arguments always give the same bytes.
///
/// Every link is relative (`root` is `""` on the index and `"../"` inside a course), so the
/// site works from `file://` and from any folder of any host.
public struct SiteRenderer: Sendable {
    public let templates: SiteTemplates
    public let site: SiteInfo

    public init(templates: SiteTemplates, site: SiteInfo) {
        self.templates = templates
        self.site = site
    }

    /// `index.html`: the project's own courses, grouped by subject, then by title; imported
    /// ones (an external source) are counted and listed on `imported.html`.
    public func index(_ courses: [CourseSummary], prerequisiteMap: String? = nil) -> String {
        let own = courses.filter { $0.provider == nil }
        let imported = courses.count - own.count
        return templates.render("index", page(root: "", title: site.title, extra: [
            "subjects": .objects(SiteRenderer.subjects(own)), "courseCount": .text(SiteRenderer.count(own.count, "course")),
            "description": .text(site.description),
            "prerequisiteMap": prerequisiteMap.map { .text($0) } ?? .bool(false),
            "imported": imported == 0 ? .bool(false) : .text(SiteRenderer.count(imported, "imported course")),
        ]))
    }

    /// Course cards grouped by subject (sorted), each group by title.
    static func subjects(_ courses: [CourseSummary]) -> [[String: TemplateValue]] {
        Dictionary(grouping: courses, by: \.subject).sorted { $0.key < $1.key }.map { subject, list in
            [
                "name": .text(SiteRenderer.displayName(subject)), "key": .text(subject),
                "courses": .objects(list.sorted { ($0.title, $0.id) < ($1.title, $1.id) }.map { c in
                    var card: [String: TemplateValue] = [
                        "id": .text(c.id), "title": .text(c.title), "level": .text(c.level), "blurb": .text(c.blurb),
                        "pages": .text(count(c.pageCount, "page")), "href": "\(c.id)/index.html", "subject": .text(subject)]
                    if let provider = c.provider { card["provider"] = .text(provider) }
                    return card
                }),
            ] as [String: TemplateValue]
        }
    }

    /// `1 course`, `2 courses`.
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    /// `404.html`: shown by a host for an address with no page. Its links start at `root`,
    /// the site's address (`site.base_url`, else `/`), since it is served at any depth.
    public func notFound(root: String) -> String {
        templates.render("404", page(root: root, title: "Page not found", extra: [:]))
    }

    /// `<id>/index.html`: the course's description, prerequisites and contents; for a
    /// repository course also its overview and the chosen pathway.
    /// A file of the course to download from its page (its EPUB, PDF, cartridge, deck).
    public struct Download: Sendable {
        public var label: String
        public var href: String
        public var note: String
        public init(label: String, href: String, note: String) {
            self.label = label
            self.href = href
            self.note = note
        }
    }

    public func course(_ course: Course, outline: Outline, prerequisites: [CourseSummary], pathway: PathwayView? = nil,
                       downloads: [Download] = []) -> String {
        let contents = outline.entries.enumerated().map { n, entry -> [String: TemplateValue] in
            var item: [String: TemplateValue] = ["number": .int(n + 1), "title": .text(entry.title), "href": .text(Href.page(entry.slug))]
            // Left out, not empty: an empty string still opens a Mustache section.
            if let minutes = entry.minutes { item["minutes"] = .text("\(minutes) min") }
            return item
        }
        let required = prerequisites.map { ["title": .text($0.title), "href": "../\($0.id)/index.html"] as [String: TemplateValue] }
        var extra: [String: TemplateValue] = [
            "course": courseFields(course),
            "descriptionHTML": .text(MarkdownDocument(course.description).html()),
            "contents": .objects(contents),
            "prerequisites": .objects(required),
            "hasPrerequisites": .bool(!required.isEmpty),
            "downloads": .objects(downloads.map { ["label": .text($0.label), "href": .text($0.href), "note": .text($0.note)] }),
            "hasDownloads": .bool(!downloads.isEmpty),
        ]
        // The contents in the sidebar, as on every page of the course, and a way in.
        extra["courseTitle"] = .text(outline.courseTitle)
        extra["courseHref"] = "index.html"
        extra["onCourse"] = .bool(true)
        extra["toc"] = .objects(outline.entries.map { ["title": .text($0.title), "href": .text(Href.page($0.slug))] })
        if let first = outline.entries.first {
            extra["start"] = ["title": .text(first.title), "href": .text(Href.page(first.slug))]
        }
        if let pathway {
            let minutes = outline.entries.compactMap(\.minutes).reduce(0, +)
            extra["pathway"] = ["name": .text(pathway.name), "rationale": .text(pathway.rationale),
                                "overviewHTML": .text(pathway.overviewHTML), "documents": .int(pathway.documentCount),
                                "totalTime": .text(SiteRenderer.duration(minutes))]
        }
        return templates.render("course", page(root: "../", title: course.title, extra: extra))
    }

    /// `<id>/sources.html`: every document a repository course was built from.
    public func sources(_ course: Course, documents: [SourceEntry]) -> String {
        let items = documents.map { d in
            ["anchor": .text(d.anchor), "path": .text(d.path), "title": .text(d.title), "type": .text(d.type),
             "summary": .text(d.summary), "concepts": .text(d.concepts.joined(separator: ", ")), "words": .int(d.words),
             "webURL": d.webURL.map { .text(Href.checked($0)) } ?? false] as [String: TemplateValue]
        }
        return templates.render("sources", page(root: "../", title: "Sources of \(course.title)", extra: [
            "course": courseFields(course), "documents": .objects(items), "count": .int(documents.count),
        ]))
    }

    /// `95` → `1 h 35 min`.
    static func duration(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) min" : minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// `<id>/<slug>.html` for a hand-written chapter: its HTML with the course's navigation.
    public func chapter(outline: Outline, at position: Int, html: String) -> String {
        templates.render("chapter", page(root: "../", title: outline.entries[position].title,
                                         extra: navigation(outline, position).merging(["bodyHTML": .text(html)]) { $1 }))
    }

    /// A module page: what the generate step wrote, its evaluation, and the documents it cites.
    public func module(outline: Outline, at position: Int, title: String, lectures: [String], summary: String?,
                       result: ModuleResult, citations: [Citation]) -> String {
        let content = result.module, evaluation = result.evaluation
        let lectureItems = lectures.enumerated().map { ["number": .int($0.offset + 1), "title": .text($0.element)] as [String: TemplateValue] }
        let byNumber = Dictionary(citations.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let sections = content.sections.map { section -> [String: TemplateValue] in
            let cited = (section.sources ?? []).compactMap { byNumber[$0] }
            return ["heading": .text(section.heading), "bodyHTML": .text(MarkdownDocument(section.body).html()),
                    "citations": .objects(cited.map { ["number": .int($0.number), "href": .text(Href.checked($0.href)), "path": .text($0.path)] }),
                    "hasCitations": .bool(!cited.isEmpty)]
        }
        let questions = content.questions.enumerated().map { n, q -> [String: TemplateValue] in
            let code = q.kind == "which_code" || q.kind == "predict_output"
            // A blank cut out of a code span is code, and so are its choices.
            let inlineCode = !code && q.kind != "short_answer" && (q.quote?.text.contains("`\(q.answer)`") ?? false)
            return ["number": .int(n + 1), "kind": .text(q.kind.replacingOccurrences(of: "_", with: " ")),
                    "promptHTML": .text(q.prompt.contains("```") ? MarkdownDocument(q.prompt).html() : "<p>" + SiteRenderer.inlineHTML(q.prompt) + "</p>"),
                    "choices": .objects((q.choices ?? []).map { ["text": .text($0), "code": .bool(code), "inlineCode": .bool(inlineCode)] }),
                    "hasChoices": .bool(!(q.choices ?? []).isEmpty), "answer": .text(q.answer), "codeAnswer": .bool(code),
                    // A short answer is prose from the source (Markdown); a cloze or choice answer is
                    // the very words blanked, shown as they are.
                    "answerHTML": .text(q.kind == "short_answer" ? SiteRenderer.inlineHTML(q.answer)
                                        : inlineCode ? "<code>" + SiteRenderer.escaped(q.answer) + "</code>" : SiteRenderer.escaped(q.answer)),
                    "explanationHTML": .text(SiteRenderer.inlineHTML(q.explanation)),
                    "quotePath": .text(q.quote?.path ?? ""), "hasQuote": .bool(q.quote != nil)]
        }
        let criteria = evaluation.criteria.map {
            ["name": .text($0.name), "score": .text(SiteRenderer.percent($0.score)), "comment": .text($0.comment)] as [String: TemplateValue]
        }
        let cards = (content.flashcards ?? []).map { ["front": .text($0.front), "back": .text($0.back)] as [String: TemplateValue] }
        let sources = citations.map {
            ["number": .int($0.number), "path": .text($0.path), "title": .text($0.title), "href": .text(Href.checked($0.href)),
             "webURL": $0.webURL.map { .text(Href.checked($0)) } ?? false] as [String: TemplateValue]
        }
        let example: TemplateValue = content.workedExample.map {
            ["title": .text($0.title), "steps": .objects($0.steps.map { ["text": .text($0)] })]
        } ?? false
        return templates.render("module", page(root: "../", title: title,
                                               extra: navigation(outline, position).merging([
                                                   "summaryHTML": .text(summary.map { MarkdownDocument($0).html() } ?? ""),
                                                   "lectures": .objects(lectureItems), "hasLectures": .bool(!lectureItems.isEmpty),
                                                   "introductionHTML": .text(MarkdownDocument(content.introduction).html()),
                                                   "sections": .objects(sections),
                                                   "example": example,
                                                   "terms": .objects(content.keyTerms.map { ["term": .text($0.term), "definition": .text($0.definition)] }),
                                                   "hasTerms": .bool(!content.keyTerms.isEmpty),
                                                   "questions": .objects(questions),
                                                   "flashcards": .objects(cards), "hasFlashcards": .bool(!cards.isEmpty),
                                                   "moduleSummaryHTML": .text(MarkdownDocument(content.summary).html()),
                                                   "sources": .objects(sources), "hasSources": .bool(!sources.isEmpty),
                                                   "score": .text(SiteRenderer.percent(evaluation.score)),
                                                   "threshold": .text(SiteRenderer.percent(result.threshold)),
                                                   "attempts": .int(result.attempts), "regenerated": .bool(result.attempts > 1),
                                                   "flagged": .bool(result.flagged),
                                                   "criteria": .objects(criteria), "critique": .text(evaluation.critique),
                                                   "failedChecks": .objects(evaluation.failedChecks.map {
                                                       ["name": .text($0.name), "detail": .text($0.detail)]
                                                   }),
                                                   "hasFailedChecks": .bool(!evaluation.failedChecks.isEmpty),
                                               ]) { $1 }))
    }

    /// One line of Markdown as inline HTML (code spans, emphasis), without its paragraph.
    static func inlineHTML(_ markdown: String) -> String {
        var html = MarkdownDocument(markdown).html().trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        FastRenderer.appendEscaped(text, to: &out)
        return out
    }

    /// `0.87` → `87%`.
    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    func page(root: String, title: String, extra: [String: TemplateValue]) -> TemplateValue {
        var context: [String: TemplateValue] = ["root": .text(root), "siteTitle": .text(site.title), "pageTitle": .text(title)]
        context.merge(extra) { $1 }
        return .object(context)
    }

    func courseFields(_ course: Course) -> TemplateValue {
        ["id": .text(course.id), "title": .text(course.title), "subject": .text(SiteRenderer.displayName(course.subject)),
         "level": .text(course.level.rawValue), "audience": .text(course.audience ?? "")]
    }

    private func navigation(_ outline: Outline, _ position: Int) -> [String: TemplateValue] {
        let toc = outline.entries.enumerated().map { n, entry -> [String: TemplateValue] in
            ["number": .int(n + 1), "title": .text(entry.title), "href": .text(Href.page(entry.slug)), "current": .bool(n == position)]
        }
        var nav: [String: TemplateValue] = ["courseTitle": .text(outline.courseTitle), "courseHref": "index.html",
                                            "toc": .objects(toc), "number": .int(position + 1),
                                            "total": .int(outline.entries.count)]
        if let minutes = outline.entries[position].minutes { nav["minutes"] = .text(SiteRenderer.duration(minutes)) }
        if position > 0 {
            let e = outline.entries[position - 1]
            nav["previous"] = ["title": .text(e.title), "href": .text(Href.page(e.slug))]
        }
        if position + 1 < outline.entries.count {
            let e = outline.entries[position + 1]
            nav["next"] = ["title": .text(e.title), "href": .text(Href.page(e.slug))]
        }
        return nav
    }

    /// `computer-science` → `Computer science`.
    static func displayName(_ slug: String) -> String {
        let words = slug.split(whereSeparator: { $0 == "-" || $0 == "_" }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
