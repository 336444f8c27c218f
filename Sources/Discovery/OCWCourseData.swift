import Foundation
import LLM

/// A course of today's OpenCourseWare from its `data.json` (`/courses/<slug>/data.json`),
/// the machine-readable record its Hugo site is built from.
public enum OCWCourseData {
    /// The fields a course's data should have; an absent or empty one is recorded as missing.
    public static let expected = ["course_title", "course_description", "primary_course_number", "department_numbers",
                           "level", "term", "year", "topics", "instructors", "learning_resource_types"]

    /// The course, or nil when the bytes are not a JSON object.
    public static func course(_ bytes: Data, id: String, url: String) -> ExternalCourse? {
        guard let json = try? JSONValue(parsing: bytes), json.object != nil else { return nil }
        let title = nonEmpty(json["course_title"]?.string)
        var course = ExternalCourse(provider: "ocw", id: id, title: title ?? id, url: url)
        // The Markdown description, else the text of its HTML twin.
        course.description = nonEmpty(json["course_description"]?.string)
            ?? json["course_description_html"]?.string.flatMap { MarkupTree.html(Data($0.utf8))?.text("/html/body") }
        let extra = (json["extra_course_numbers"]?.string ?? "").split(separator: ",").map(String.init)
        course.courseNumbers = ([json["primary_course_number"]?.string ?? ""] + extra).compactMap { nonEmpty($0) }
        course.departments = strings(json["department_numbers"])
        course.levels = strings(json["level"])
        course.term = nonEmpty(json["term"]?.string)
        course.year = nonEmpty(json["year"]?.string) ?? (json["year"]?.int).map { String($0) }
        course.topics = (json["topics"]?.array ?? []).map { strings($0).joined(separator: " > ") }.filter { !$0.isEmpty }
        course.instructors = (json["instructors"]?.array ?? []).compactMap { person in
            nonEmpty(person["title"]?.string)
                ?? nonEmpty([person["first_name"]?.string, person["last_name"]?.string].compactMap { $0 }.joined(separator: " "))
        }
        course.resourceTypes = strings(json["learning_resource_types"])
        course.missing = expected.filter { field in
            if field == "course_description", course.description != nil { return false }
            return switch json[field] {
            case .string(let text)?: text.trimmingCharacters(in: .whitespaces).isEmpty
            case .array(let items)?: items.isEmpty
            case .number?: false
            default: true
            }
        }
        return course
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        (value?.array ?? []).compactMap { nonEmpty($0.string) }
    }
}

func nonEmpty(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
}
