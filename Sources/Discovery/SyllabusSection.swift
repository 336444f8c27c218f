import Foundation

/// The prerequisites a syllabus page states: the text under its "Prerequisites" (or
/// "Prerequisite", "Pre-requisites", "Prerequisites and Corequisites") heading, up to the next heading of
/// the same or a higher level. The same in both eras of OpenCourseWare's pages.
public enum SyllabusSection {
    public static func prerequisites(_ bytes: Data) -> String? {
        guard let tree = MarkupTree.html(bytes) else { return nil }
        let lower = "translate(normalize-space(.),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
        let headings = tree.nodes("//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
                                  + "[starts-with(\(lower),'prerequisite') or starts-with(\(lower),'pre-requisite')]")
        for heading in headings {
            guard let level = MarkupTree.headingLevel(heading) else { continue }
            var parts: [String] = []
            var node = heading.pointee.next
            while let current = node {
                defer { node = current.pointee.next }
                if let next = MarkupTree.headingLevel(current), next <= level { break }
                let text = MarkupTree.text(of: current)
                if !text.isEmpty { parts.append(text) }
            }
            if !parts.isEmpty { return parts.joined(separator: " ") }
        }
        return nil
    }
}
