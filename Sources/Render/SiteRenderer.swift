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

    /// `index.html`: every course, grouped by subject, then by title.
    public func index(_ courses: [CourseSummary]) -> String {
        let subjects = Dictionary(grouping: courses, by: \.subject).sorted { $0.key < $1.key }.map { subject, list in
            [
                "name": SiteRenderer.displayName(subject),
                "courses": list.sorted { ($0.title, $0.id) < ($1.title, $1.id) }.map { c in
                    ["id": c.id, "title": c.title, "level": c.level, "blurb": c.blurb,
                     "pages": c.pageCount, "href": "\(c.id)/index.html"] as [String: Any]
                },
            ] as [String: Any]
        }
        return templates.render("index", page(root: "", title: site.title, extra: [
            "subjects": subjects, "courseCount": courses.count, "description": site.description,
        ]))
    }

    /// `<id>/index.html`: the course's description, prerequisites and contents; for a
    /// repository course also its overview and the chosen pathway.
    public func course(_ course: Course, outline: Outline, prerequisites: [CourseSummary], pathway: PathwayView? = nil) -> String {
        let contents = outline.entries.enumerated().map { n, entry in
            ["number": n + 1, "title": entry.title, "href": "\(entry.slug).html",
             "minutes": entry.minutes.map { "\($0) min" } ?? ""] as [String: Any]
        }
        let required = prerequisites.map { ["title": $0.title, "href": "../\($0.id)/index.html"] }
        var extra: [String: Any] = [
            "course": courseFields(course),
            "descriptionHTML": MarkdownDocument(course.description).html(),
            "contents": contents,
            "prerequisites": required,
            "hasPrerequisites": !required.isEmpty,
        ]
        if let pathway {
            let minutes = outline.entries.compactMap(\.minutes).reduce(0, +)
            extra["pathway"] = ["name": pathway.name, "rationale": pathway.rationale, "overviewHTML": pathway.overviewHTML,
                                "documents": pathway.documentCount, "totalTime": SiteRenderer.duration(minutes)]
        }
        return templates.render("course", page(root: "../", title: course.title, extra: extra))
    }

    /// `<id>/sources.html`: every document a repository course was built from.
    public func sources(_ course: Course, documents: [SourceEntry]) -> String {
        let items = documents.map { d in
            ["anchor": d.anchor, "path": d.path, "title": d.title, "type": d.type, "summary": d.summary,
             "concepts": d.concepts.joined(separator: ", "), "words": d.words, "webURL": d.webURL ?? ""] as [String: Any]
        }
        return templates.render("sources", page(root: "../", title: "Sources of \(course.title)", extra: [
            "course": courseFields(course), "documents": items, "count": documents.count,
        ]))
    }

    /// `95` → `1 h 35 min`.
    static func duration(_ minutes: Int) -> String {
        minutes < 60 ? "\(minutes) min" : minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// `<id>/<slug>.html` for a hand-written chapter: its HTML with the course's navigation.
    public func chapter(outline: Outline, at position: Int, html: String) -> String {
        templates.render("chapter", page(root: "../", title: outline.entries[position].title,
                                         extra: navigation(outline, position).merging(["bodyHTML": html]) { $1 }))
    }

    /// A module page: what the generate step wrote, its evaluation, and the documents it cites.
    public func module(outline: Outline, at position: Int, title: String, lectures: [String], summary: String?,
                       result: ModuleResult, citations: [Citation]) -> String {
        let content = result.module, evaluation = result.evaluation
        let lectureItems = lectures.enumerated().map { ["number": $0.offset + 1, "title": $0.element] as [String: Any] }
        let byNumber = Dictionary(citations.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let sections = content.sections.map { section -> [String: Any] in
            let cited = (section.sources ?? []).compactMap { byNumber[$0] }
            return ["heading": section.heading, "bodyHTML": MarkdownDocument(section.body).html(),
                    "citations": cited.map { ["number": $0.number, "href": $0.href, "path": $0.path] }, "hasCitations": !cited.isEmpty]
        }
        let questions = content.questions.enumerated().map { n, q -> [String: Any] in
            ["number": n + 1, "kind": q.kind.replacingOccurrences(of: "_", with: " "), "prompt": q.prompt,
             "choices": (q.choices ?? []).map { ["text": $0] }, "hasChoices": !(q.choices ?? []).isEmpty,
             "answer": q.answer, "explanation": q.explanation]
        }
        let criteria = evaluation.criteria.map { ["name": $0.name, "score": SiteRenderer.percent($0.score), "comment": $0.comment] }
        let cards = (content.flashcards ?? []).map { ["front": $0.front, "back": $0.back] }
        let sources = citations.map { ["number": $0.number, "path": $0.path, "title": $0.title, "href": $0.href,
                                       "webURL": $0.webURL ?? ""] as [String: Any] }
        return templates.render("module", page(root: "../", title: title,
                                               extra: navigation(outline, position).merging([
                                                   "summaryHTML": summary.map { MarkdownDocument($0).html() } ?? "",
                                                   "lectures": lectureItems, "hasLectures": !lectureItems.isEmpty,
                                                   "introductionHTML": MarkdownDocument(content.introduction).html(),
                                                   "sections": sections,
                                                   "example": ["title": content.workedExample.title,
                                                               "steps": content.workedExample.steps.map { ["text": $0] }],
                                                   "terms": content.keyTerms.map { ["term": $0.term, "definition": $0.definition] },
                                                   "hasTerms": !content.keyTerms.isEmpty,
                                                   "questions": questions,
                                                   "flashcards": cards, "hasFlashcards": !cards.isEmpty,
                                                   "moduleSummaryHTML": MarkdownDocument(content.summary).html(),
                                                   "sources": sources, "hasSources": !sources.isEmpty,
                                                   "score": SiteRenderer.percent(evaluation.score),
                                                   "threshold": SiteRenderer.percent(result.threshold),
                                                   "attempts": result.attempts, "regenerated": result.attempts > 1,
                                                   "flagged": result.flagged,
                                                   "criteria": criteria, "critique": evaluation.critique,
                                               ]) { $1 }))
    }

    /// `0.87` → `87%`.
    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    private func page(root: String, title: String, extra: [String: Any]) -> [String: Any] {
        var context: [String: Any] = ["root": root, "siteTitle": site.title, "pageTitle": title]
        context.merge(extra) { $1 }
        return context
    }

    private func courseFields(_ course: Course) -> [String: Any] {
        ["id": course.id, "title": course.title, "subject": SiteRenderer.displayName(course.subject),
         "level": course.level.rawValue, "audience": course.audience ?? ""]
    }

    private func navigation(_ outline: Outline, _ position: Int) -> [String: Any] {
        let toc = outline.entries.enumerated().map { n, entry in
            ["number": n + 1, "title": entry.title, "href": "\(entry.slug).html", "current": n == position] as [String: Any]
        }
        var nav: [String: Any] = ["courseTitle": outline.courseTitle, "courseHref": "index.html", "toc": toc,
                                  "number": position + 1, "total": outline.entries.count]
        if position > 0 {
            let e = outline.entries[position - 1]
            nav["previous"] = ["title": e.title, "href": "\(e.slug).html"]
        }
        if position + 1 < outline.entries.count {
            let e = outline.entries[position + 1]
            nav["next"] = ["title": e.title, "href": "\(e.slug).html"]
        }
        return nav
    }

    /// `computer-science` → `Computer science`.
    static func displayName(_ slug: String) -> String {
        let words = slug.split(whereSeparator: { $0 == "-" || $0 == "_" }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
