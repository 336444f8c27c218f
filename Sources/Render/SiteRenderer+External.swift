import Catalog
import Markup

/// The pages of courses another site publishes: one page each, and the list of them all.
extension SiteRenderer {
    /// `imported.html`: every imported course, grouped by subject, with filters by site,
    /// level and subject, and a link to the map of prerequisites.
    public func imported(_ courses: [CourseSummary], prerequisiteMap: String? = nil) -> String {
        let imported = courses.filter { $0.provider != nil }
        let providers = Set(imported.compactMap(\.provider)).sorted()
        return templates.render("imported", page(root: "", title: "Imported courses", extra: [
            "subjects": .objects(SiteRenderer.subjects(imported)), "courseCount": .text(SiteRenderer.count(imported.count, "course")),
            "providers": .objects(providers.map { ["name": .text($0)] }),
            "prerequisiteMap": prerequisiteMap.map { .text($0) } ?? .bool(false),
        ]))
    }

    /// `<id>/index.html` for an imported course: what the other site says of it, the courses
    /// to take first and the ones that name it, and the way to it.
    public func external(_ course: Course, link: ExternalLink, prerequisites: [CourseSummary],
                         requiredBy: [CourseSummary]) -> String {
        func links(_ list: [CourseSummary]) -> TemplateValue {
            .objects(list.map { ["title": .text($0.title), "href": "../\($0.id)/index.html",
                                 "provider": $0.provider.map { .text($0) } ?? false] as [String: TemplateValue] })
        }
        var facts: [[String: TemplateValue]] = []
        func fact(_ name: String, _ value: String) {
            if !value.isEmpty { facts.append(["name": .text(name), "value": .text(value)]) }
        }
        fact(link.courseNumbers.count == 1 ? "Course number" : "Course numbers", link.courseNumbers.joined(separator: ", "))
        fact("Level", link.levels.joined(separator: ", "))
        fact("Taught", [link.term, link.year].compactMap { $0 }.joined(separator: " "))
        fact(link.instructors.count == 1 ? "Instructor" : "Instructors", link.instructors.joined(separator: ", "))
        fact("Topics", link.topics.map { $0.components(separatedBy: " > ").last ?? $0 }.uniqued().joined(separator: ", "))
        let units = link.units.map { unit in
            ["title": .text(unit.title), "href": .text(Href.checked(unit.url)),
             "description": unit.description.map { .text($0) } ?? false] as [String: TemplateValue]
        }
        return templates.render("external", page(root: "../", title: course.title, extra: [
            "course": courseFields(course),
            "provider": .text(link.providerName),
            "url": .text(Href.checked(link.url)),
            "removed": .bool(link.removed),
            "facts": .objects(facts),
            "descriptionHTML": .text(MarkdownDocument(course.description).html()),
            "prerequisitesText": link.prerequisitesText.map { .text($0) } ?? false,
            "prerequisites": links(prerequisites), "hasPrerequisites": .bool(!prerequisites.isEmpty),
            "requiredBy": links(requiredBy), "hasRequiredBy": .bool(!requiredBy.isEmpty),
            "units": .objects(units), "hasUnits": .bool(!units.isEmpty),
        ]))
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each only the first time.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
