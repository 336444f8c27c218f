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

    /// `<id>/index.html`: the course's description, prerequisites and contents.
    public func course(_ course: Course, outline: Outline, prerequisites: [CourseSummary]) -> String {
        let contents = outline.entries.enumerated().map { n, entry in
            ["number": n + 1, "title": entry.title, "href": "\(entry.slug).html"] as [String: Any]
        }
        let required = prerequisites.map { ["title": $0.title, "href": "../\($0.id)/index.html"] }
        return templates.render("course", page(root: "../", title: course.title, extra: [
            "course": courseFields(course),
            "descriptionHTML": MarkdownDocument(course.description).html(),
            "contents": contents,
            "prerequisites": required,
            "hasPrerequisites": !required.isEmpty,
        ]))
    }

    /// `<id>/<slug>.html` for a hand-written chapter: its HTML with the course's navigation.
    public func chapter(outline: Outline, at position: Int, html: String) -> String {
        templates.render("chapter", page(root: "../", title: outline.entries[position].title,
                                         extra: navigation(outline, position).merging(["bodyHTML": html]) { $1 }))
    }

    /// `<id>/<slug>.html` for a module of an outline: its summary and lectures.
    /// A module page: its outline entry, and what the generate and evaluate steps wrote.
    public func module(outline: Outline, at position: Int, module: Module, content: ModuleContent,
                       evaluation: ModuleEvaluation) -> String {
        let lectures = module.lectures.enumerated().map { ["number": $0.offset + 1, "title": $0.element] as [String: Any] }
        let summary = module.summary.map { MarkdownDocument($0).html() } ?? ""
        let sections = content.sections.map { ["heading": $0.heading, "bodyHTML": MarkdownDocument($0.body).html()] }
        let questions = content.questions.enumerated().map { n, q -> [String: Any] in
            ["number": n + 1, "kind": q.kind.replacingOccurrences(of: "_", with: " "), "prompt": q.prompt,
             "choices": (q.choices ?? []).map { ["text": $0] }, "hasChoices": !(q.choices ?? []).isEmpty,
             "answer": q.answer, "explanation": q.explanation]
        }
        let criteria = evaluation.criteria.map { ["name": $0.name, "score": SiteRenderer.percent($0.score), "comment": $0.comment] }
        return templates.render("module", page(root: "../", title: module.title,
                                               extra: navigation(outline, position).merging([
                                                   "summaryHTML": summary, "lectures": lectures,
                                                   "introductionHTML": MarkdownDocument(content.introduction).html(),
                                                   "sections": sections,
                                                   "example": ["title": content.workedExample.title,
                                                               "steps": content.workedExample.steps.map { ["text": $0] }],
                                                   "terms": content.keyTerms.map { ["term": $0.term, "definition": $0.definition] },
                                                   "hasTerms": !content.keyTerms.isEmpty,
                                                   "questions": questions,
                                                   "moduleSummaryHTML": MarkdownDocument(content.summary).html(),
                                                   "score": SiteRenderer.percent(evaluation.score),
                                                   "criteria": criteria, "critique": evaluation.critique,
                                               ]) { $1 }))
    }

    /// `0.87` → `87%`.
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

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
