/// What the `plan-pathways` step is given: the course and every document with its analysis.
public struct PlanningRequest: Codable, Sendable, Equatable {
    public static let step = "plan-pathways"

    public struct Document: Codable, Sendable, Equatable {
        /// From 1, in the scan's order (the author's own order where there is one).
        public var number: Int
        public var path: String
        public var title: String
        public var type: String
        public var complexity: String
        public var summary: String
        /// The key concepts, as one comma-separated text.
        public var concepts: String
        public var objectives: [String]
        public var words: Int
        /// An API reference page: for the reference appendix, not the teaching path.
        public var appendix: Bool

        public init(number: Int, path: String, title: String, type: String, complexity: String, summary: String,
                    concepts: String, objectives: [String], words: Int, appendix: Bool = false) {
            self.appendix = appendix
            self.number = number
            self.path = path
            self.title = title
            self.type = type
            self.complexity = complexity
            self.summary = summary
            self.concepts = concepts
            self.objectives = objectives
            self.words = words
        }
    }

    public var courseTitle: String
    public var courseDescription: String
    public var level: String
    public var audience: String
    /// The overview document's text, if the course names one.
    public var overview: String
    public var documents: [Document]
    /// The order file the documents' order comes from ("mdBook SUMMARY.md", …), or "".
    public var order: String
    /// Documents left out of the pathway, as `path: reason`.
    public var skipped: [String]

    enum CodingKeys: String, CodingKey {
        case courseTitle = "course_title", courseDescription = "course_description", level, audience, overview, documents,
             order, skipped
    }

    public init(courseTitle: String, courseDescription: String, level: String, audience: String, overview: String,
                documents: [Document], order: String = "", skipped: [String] = []) {
        self.courseTitle = courseTitle
        self.courseDescription = courseDescription
        self.level = level
        self.audience = audience
        self.overview = overview
        self.documents = documents
        self.order = order
        self.skipped = skipped
    }
}
