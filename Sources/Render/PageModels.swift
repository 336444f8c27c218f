import Catalog

/// A course's table of contents: its pages in reading order. Chapter and module pages
/// are built from it (navigation), and it changes only when a title or the order does.
public struct Outline: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        /// The page's file name without `.html`.
        public var slug: String
        public var title: String

        public init(slug: String, title: String) {
            self.slug = slug
            self.title = title
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

    public init(id: String, title: String, subject: String, level: String, blurb: String, pageCount: Int) {
        self.id = id
        self.title = title
        self.subject = subject
        self.level = level
        self.blurb = blurb
        self.pageCount = pageCount
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
