/// What the `book-parts` step is given to write a chapter's textbook parts: the course,
/// the module as the generate step wrote it, the links its sources hold, and the house
/// style's sections and themes.
public struct BookPartsRequest: Codable, Sendable, Equatable {
    public static let step = "book-parts"

    public struct Section: Codable, Sendable, Equatable {
        public var heading: String
        public var body: String
        public init(heading: String, body: String) { self.heading = heading; self.body = body }
    }

    public struct Term: Codable, Sendable, Equatable {
        public var term: String
        public var definition: String
        public init(term: String, definition: String) { self.term = term; self.definition = definition }
    }

    public struct Link: Codable, Sendable, Equatable {
        public var title: String
        public var url: String
        public init(title: String, url: String) { self.title = title; self.url = url }
    }

    public var courseTitle: String
    public var level: String
    public var audience: String
    public var title: String
    public var objectives: [String]
    public var introduction: String
    public var sections: [Section]
    public var keyTerms: [Term]
    public var summary: String
    /// Web pages the module's sources are (a repository's files on its host) or link to.
    public var links: [Link]
    public var houseSections: [String]
    public var themes: [String]

    public init(courseTitle: String, level: String, audience: String, title: String, objectives: [String],
                introduction: String, sections: [Section], keyTerms: [Term], summary: String, links: [Link],
                houseSections: [String], themes: [String]) {
        self.courseTitle = courseTitle
        self.level = level
        self.audience = audience
        self.title = title
        self.objectives = objectives
        self.introduction = introduction
        self.sections = sections
        self.keyTerms = keyTerms
        self.summary = summary
        self.links = links
        self.houseSections = houseSections
        self.themes = themes
    }

    enum CodingKeys: String, CodingKey {
        case level, audience, title, objectives, introduction, sections, summary, links, themes
        case courseTitle = "course_title", keyTerms = "key_terms", houseSections = "house_sections"
    }
}
