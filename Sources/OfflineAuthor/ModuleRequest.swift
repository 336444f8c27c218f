import Markup

/// What the `generate-module` step is given to write one module: the course, the module's
/// outline and sources, the house style, and on a second attempt the grader's critique.
public struct ModuleRequest: Codable, Sendable, Equatable {
    public static let step = "generate-module"

    /// A source document the module draws on, numbered for citations: its text for the
    /// prompt (within the module's budget), and all of it cut into sections with their code.
    public struct Document: Codable, Sendable, Equatable {
        public var number: Int
        public var path: String
        public var title: String
        public var text: String
        public var opening: String
        public var sections: [Section]

        public init(number: Int, path: String, title: String, text: String, opening: String = "", sections: [Section] = []) {
            self.number = number
            self.path = path
            self.title = title
            self.text = text
            self.opening = opening
            self.sections = sections
        }
    }

    /// A section of a source document, as the document model cuts it.
    public typealias Section = DocumentSection

    public var courseTitle: String
    public var courseDescription: String
    public var level: String
    public var audience: String
    public var title: String
    public var summary: String
    /// The lectures of an outline module, or the objectives of a planned one.
    public var lectures: [String]
    /// Hand-written notes (an outline course).
    public var source: String
    public var documents: [Document]
    public var houseSections: [String]
    public var themes: [String]
    /// Set when the module is written again after scoring below the threshold.
    public var critique: String?
    public var previousScore: Double?

    enum CodingKeys: String, CodingKey {
        case courseTitle = "course_title", courseDescription = "course_description", level, audience, title, summary,
             lectures, source, documents, houseSections = "house_sections", themes, critique,
             previousScore = "previous_score"
    }

    public init(courseTitle: String, courseDescription: String, level: String, audience: String, title: String,
                summary: String, lectures: [String], source: String, documents: [Document], houseSections: [String],
                themes: [String], critique: String? = nil, previousScore: Double? = nil) {
        self.courseTitle = courseTitle
        self.courseDescription = courseDescription
        self.level = level
        self.audience = audience
        self.title = title
        self.summary = summary
        self.lectures = lectures
        self.source = source
        self.documents = documents
        self.houseSections = houseSections
        self.themes = themes
        self.critique = critique
        self.previousScore = previousScore
    }
}
