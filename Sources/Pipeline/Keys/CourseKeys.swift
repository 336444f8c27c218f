import Catalog
import Engine
import Render

// The keys of one course. Each names its course, which is its scope: without `-k`, a
// failure stops the rest of that course only.

/// A key that belongs to one course: its failures stop that course only, and the progress
/// board files its tasks under it.
protocol CourseScopedKey: TypedKey {
    var course: String { get }
    /// The stage of a course the task of this key is part of; nil for a task the progress board does not show.
    static var stage: CourseStage? { get }
    /// What the progress line says the course is doing (`page 01-intro.html`).
    var step: String { get }
}

extension CourseScopedKey {
    var scope: String? { course }
    var step: String { Self.kind }
}

/// A key named by a course id alone.
protocol CourseIDKey: CourseScopedKey {
    init(course: String)
}

extension CourseIDKey {
    var name: String { course }
    init?(name: String) {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        self.init(course: name)
    }
}

/// `<course>/<rest>`: how keys of one part of a course are named.
struct CoursePath: Sendable, Hashable {
    var course: String
    var rest: String

    init(course: String, rest: String) {
        self.course = course
        self.rest = rest
    }

    init?(_ name: String) {
        guard let slash = name.firstIndex(of: "/") else { return nil }
        course = String(name[..<slash])
        rest = String(name[name.index(after: slash)...])
        guard !course.isEmpty, !rest.isEmpty else { return nil }
    }

    var name: String { course + "/" + rest }
}

/// `locate:<id>` — the course's entry in the checked catalog (its file, its prerequisites).
struct LocateKey: CourseIDKey {
    typealias Value = Catalog.Item
    static let kind = "locate"
    static let stage: CourseStage? = nil
    var course: String
}

/// `requiredby:<id>` — the courses that name this one as a prerequisite.
struct RequiredByKey: CourseIDKey {
    typealias Value = [String]
    static let kind = "requiredby"
    static let stage: CourseStage? = nil
    var course: String
}

/// `course:<id>` — the parsed course, without source positions.
struct CourseKey: CourseIDKey {
    typealias Value = Course
    static let kind = "course"
    static let stage: CourseStage? = nil
    var course: String
}

/// `chapters:<id>` — a content course's chapter files.
struct ChaptersKey: CourseIDKey {
    typealias Value = [String]
    static let kind = "chapters"
    static let stage: CourseStage? = nil
    var course: String
}

/// `title:<file>` — a chapter's title. Chapters live in `<content>/<course>/`, so the
/// file's folder names the course.
struct TitleKey: CourseScopedKey {
    typealias Value = String
    static let kind = "title"
    static let stage: CourseStage? = nil
    var file: String
    var name: String { file }
    var course: String { file.split(separator: "/").dropLast().last.map(String.init) ?? file }
    init(file: String) { self.file = file }
    init?(name: String) { self.init(file: name) }
}

/// `outline:<id>` — the course's table of contents.
struct OutlineKey: CourseIDKey {
    typealias Value = Outline
    static let kind = "outline"
    static let stage: CourseStage? = .render
    var course: String
}

/// `summary:<id>` — what the index and dependent courses show of the course.
struct SummaryKey: CourseIDKey {
    typealias Value = CourseSummary
    static let kind = "summary"
    static let stage: CourseStage? = nil
    var course: String
}

/// `coursedata:<id>` — `api/courses/<id>.json`, the course as data (its value: the file's digest).
struct CourseDataKey: CourseIDKey {
    typealias Value = String
    static let kind = "coursedata"
    static let stage: CourseStage? = .render
    var course: String
}

/// `searchentries:<id>` — the course's pages as search entries (title, headings, first words).
struct SearchEntriesKey: CourseIDKey {
    typealias Value = [SearchEntry]
    static let kind = "searchentries"
    static let stage: CourseStage? = .render
    var course: String
}

/// `coursepages:<id>` — every page of the course; its value lists them.
struct CoursePagesKey: CourseIDKey {
    typealias Value = [String]
    static let kind = "coursepages"
    static let stage: CourseStage? = .render
    var course: String
}

/// `page:<path>` — one HTML page, by its path in the site folder; its value is its digest.
struct PageKey: TypedKey {
    typealias Value = String
    static let kind = "page"

    enum Page: Sendable, Hashable {
        /// `index.html`: the catalog.
        case index
        /// `imported.html`: the courses other sites publish.
        case imported
        /// `<id>/index.html`: a course's front page.
        case course(String)
        /// `<id>/sources.html`: a repository course's documents.
        case sources(String)
        /// `<id>/<slug>.html`: a chapter or a module.
        case entry(course: String, slug: String)
    }

    var page: Page
    init(_ page: Page) { self.page = page }

    static let index = PageKey(.index)
    static let imported = PageKey(.imported)

    var name: String { path }

    /// The page's path in the site folder.
    var path: String {
        switch page {
        case .index: "index.html"
        case .imported: "imported.html"
        case .course(let id): id + "/index.html"
        case .sources(let id): id + "/sources.html"
        case .entry(let id, let slug): id + "/" + slug + ".html"
        }
    }

    init?(name: String) {
        if name == "index.html" { self.init(.index); return }
        if name == "imported.html" { self.init(.imported); return }
        guard let path = CoursePath(name), !path.rest.contains("/"), path.rest.hasSuffix(".html") else { return nil }
        switch path.rest {
        case "index.html": self.init(.course(path.course))
        case "sources.html": self.init(.sources(path.course))
        default: self.init(.entry(course: path.course, slug: String(path.rest.dropLast(".html".count))))
        }
    }

    /// The course the page belongs to; nil for the index.
    var course: String? {
        switch page {
        case .index, .imported: nil
        case .course(let id), .sources(let id), .entry(let id, _): id
        }
    }

    var scope: String? { course }
}
