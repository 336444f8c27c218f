import Foundation

/// A course of OpenCourseWare's Plone era from its home page's HTML: the title, the
/// `course_info` block (instructors, MIT course number, "As Taught In", level) and the
/// description, marked up with schema.org microdata.
public enum OCWLegacyPage {
    public static func course(_ bytes: Data, id: String, url: String) -> ExternalCourse? {
        guard let tree = MarkupTree.html(bytes) else { return nil }
        let title = tree.text("//h1[@itemprop='name']") ?? tree.text("//h1[contains(@class,'title')]")
        var course = ExternalCourse(provider: "ocw", id: id, title: title ?? id, url: url)
        course.description = tree.text("//*[@itemprop='description']")
            ?? nonEmpty(tree.nodes("//meta[translate(@name,'DESCRIPTION','description')='description']/@content")
                .first.map { MarkupTree.text(of: $0) })
        let number = info(tree, "MIT Course Number")
        course.courseNumbers = (number ?? "").split(separator: "/").compactMap { nonEmpty(String($0)) }
        course.departments = course.courseNumbers.first.flatMap { $0.split(separator: ".").first.map(String.init) }.map { [$0] } ?? []
        if let taught = info(tree, "As Taught In") {
            let words = taught.split(separator: " ").map(String.init)
            course.term = words.count == 2 ? words[0] : taught
            course.year = words.count == 2 ? words[1] : nil
        }
        course.levels = info(tree, "Level").map { [$0] } ?? []
        course.instructors = tree.texts("//*[@itemprop='author']")
        var missing: [String] = []
        if title == nil { missing.append("title") }
        if course.description == nil { missing.append("description") }
        if number == nil { missing.append("course_number") }
        if course.term == nil { missing.append("term") }
        if course.levels.isEmpty { missing.append("level") }
        if course.instructors.isEmpty { missing.append("instructors") }
        course.missing = missing
        return title == nil && number == nil ? nil : course
    }

    /// The paragraph after the `course_info` heading `label`.
    private static func info(_ tree: MarkupTree, _ label: String) -> String? {
        tree.text("//*[@id='course_info']/h3[normalize-space(.)='\(label)']/following-sibling::*[1]")
    }
}
