import Catalog

/// A course's table of contents: its pages in reading order. Chapter and module pages
/// are built from it (navigation), and it changes only when a title or the order does.
public struct Outline: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        /// The page's file name without `.html`.
        public var slug: String
        public var title: String
        /// Estimated minutes, for planned modules.
        public var minutes: Int?

        public init(slug: String, title: String, minutes: Int? = nil) {
            self.slug = slug
            self.title = title
            self.minutes = minutes
        }
    }

    public var courseID: String
    public var courseTitle: String
    public var entries: [Entry]

    public init(courseID: String, courseTitle: String, entries: [Entry]) {
        self.courseID = courseID
        self.courseTitle = courseTitle
        self.entries = entries
    }
}

/// What the index page shows of a course.
public struct CourseSummary: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var subject: String
    public var level: String
    /// Plain text, the first paragraph of the description.
    public var blurb: String
    public var pageCount: Int
    /// The site that publishes the course (`MIT OpenCourseWare`), for an imported one.
    public var provider: String?

    public init(id: String, title: String, subject: String, level: String, blurb: String, pageCount: Int,
                provider: String? = nil) {
        self.id = id
        self.title = title
        self.subject = subject
        self.level = level
        self.blurb = blurb
        self.pageCount = pageCount
        self.provider = provider
    }
}

/// The site-wide strings every page shows.
public struct SiteInfo: Sendable, Codable, Equatable {
    public var title: String
    public var description: String

    public init(title: String, description: String) {
        self.title = title
        self.description = description
    }
}

/// A document a module cites, as its page links to it.
public struct Citation: Sendable, Codable, Equatable {
    /// 1-based, as the module's text numbers its sources.
    public var number: Int
    public var path: String
    public var title: String
    /// The entry on the course's sources page (`sources.html#…`).
    public var href: String
    /// The document in the repository's web view, when the repository has one.
    public var webURL: String?

    public init(number: Int, path: String, title: String, href: String, webURL: String?) {
        self.number = number
        self.path = path
        self.title = title
        self.href = href
        self.webURL = webURL
    }
}

/// What a repository course's page shows besides its description.
public struct PathwayView: Sendable, Equatable {
    public var name: String
    public var rationale: String
    public var overviewHTML: String
    public var documentCount: Int

    public init(name: String, rationale: String, overviewHTML: String, documentCount: Int) {
        self.name = name
        self.rationale = rationale
        self.overviewHTML = overviewHTML
        self.documentCount = documentCount
    }
}

/// One document on a repository course's sources page.
public struct SourceEntry: Sendable, Equatable {
    public var anchor: String
    public var path: String
    public var title: String
    public var type: String
    public var summary: String
    public var concepts: [String]
    public var words: Int
    public var webURL: String?

    public init(anchor: String, path: String, title: String, type: String, summary: String, concepts: [String],
                words: Int, webURL: String?) {
        self.anchor = anchor
        self.path = path
        self.title = title
        self.type = type
        self.summary = summary
        self.concepts = concepts
        self.words = words
        self.webURL = webURL
    }
}
