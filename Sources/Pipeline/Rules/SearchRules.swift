import Catalog
import Engine
import Foundation
import LLM
import Markup
import Render
import Store

/// One page as the search index holds it.
struct SearchEntry: Codable, Sendable, Equatable {
    /// The page's path in the site folder.
    var url: String
    var title: String
    var course: String
    var headings: [String]
    /// The page's first words, for matches in the text and the result's excerpt.
    var text: String
}

/// `searchentries:<id>`: a course's pages as search entries (a chapter edit reruns one
/// course's entries; the site's index is only their concatenation).
struct SearchEntriesRule: TypedRule {
    let version = 3  // 2: one pass over the lines, no Markdown parse; 3: 30 words
    let environment: PipelineEnvironment

    /// Words of a page's text the index keeps: enough to find a page by what it is about, and
    /// few enough that the index of 10,000 courses stays a script a browser can load.
    static let words = 30

    func compute(_ key: SearchEntriesKey, in context: RuleContext) async throws -> [SearchEntry] {
        let course = try await context.need(CourseKey(course: key.course))
        let outline = try await context.need(OutlineKey(course: key.course))
        let words = SearchEntriesRule.words
        let contentPath = try await context.settings().contentPath
        var entries = [SearchEntry(url: course.id + "/index.html", title: course.title, course: course.title, headings: [],
                                   text: SearchText(course.description, words: words).excerpt)]
        for entry in outline.entries {
            let url = course.id + "/" + entry.slug + ".html"
            switch course.source {
            case .content:
                let file = contentPath + "/" + course.id + "/" + entry.slug + ".md"
                let text = SearchText(try await context.readText(environment.projectPath(file)), words: words)
                // The chapter's own title is its first heading: the entry has it as its title.
                entries.append(SearchEntry(url: url, title: entry.title, course: course.title,
                                           headings: Array(text.headings.drop { $0 == entry.title }), text: text.excerpt))
            case .external:
                break  // No pages of its own but the course page above.
            case .modules, .repo:
                let module = try await context.need(GenerateKey(course: course.id, slug: entry.slug)).module
                let body = ([module.introduction] + module.sections.map(\.body)).joined(separator: "\n\n")
                entries.append(SearchEntry(url: url, title: entry.title, course: course.title,
                                           headings: module.sections.map(\.heading),
                                           text: SearchText(body, words: words).excerpt))
            }
        }
        return entries
    }
}

/// `searchindex:` writes `search-index.js`: every built course's pages, as a script (a
/// browser will not fetch a JSON file from `file://`, but it runs a script); `site.js`
/// loads it on the first search.
struct SearchIndexRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    /// Courses whose entries are asked for at once: the rule holds one batch's entries at a
    /// time, not 10,000 courses' (at the end of a build, when memory is at its highest).
    static let batch = 256

    func compute(_ key: SearchIndexKey, in context: RuleContext) async throws -> String {
        let listed = try await context.builtCourses()
        // Written as it goes, keys sorted (as `JSONValue.canonicalText` writes them): as a
        // tree of values first, the index of 10,000 courses was the build's largest allocation.
        var bytes = Data("window.SCROLLBUILD_SEARCH = [".utf8)
        var first = true
        for start in stride(from: 0, to: listed.count, by: Self.batch) {
            let ids = listed[start..<min(start + Self.batch, listed.count)]
            var script = ""
            for entry in try await context.need(ids.map { SearchEntriesKey(course: $0) }).joined() {
                Self.append(entry, first: first, to: &script)
                first = false
            }
            bytes.append(contentsOf: script.utf8)
        }
        bytes.append(contentsOf: "];\n".utf8)
        try context.write(environment.sitePath("search-index.js"), bytes)
        return ContentHash(of: bytes).hex
    }

    /// One entry as a JSON object, keys sorted, after a comma unless it is the first.
    private static func append(_ entry: SearchEntry, first: Bool, to script: inout String) {
        script += first ? "{\"c\":" : ",{\"c\":"
        Self.quote(entry.course, into: &script)
        script += ",\"h\":["
        for (i, heading) in entry.headings.enumerated() {
            if i > 0 { script += "," }
            Self.quote(heading, into: &script)
        }
        script += "],\"t\":"
        Self.quote(entry.title, into: &script)
        script += ",\"u\":"
        Self.quote(entry.url, into: &script)
        script += ",\"x\":"
        Self.quote(entry.text, into: &script)
        script += "}"
    }

    /// A JSON string in which `</` is escaped, so that no text can end the script.
    private static func quote(_ text: String, into script: inout String) {
        guard text.hasBytes("</") else { return JSONValue.quote(text, into: &script) }
        var quoted = ""
        JSONValue.quote(text, into: &quoted)
        script += quoted.replacingOccurrences(of: "</", with: "<\\/")
    }
}
