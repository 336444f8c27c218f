/// What the catalog keeps of a course another site publishes (MIT OpenCourseWare, Khan
/// Academy): enough for its page, with a link to the real one. The entry's other fields
/// (the prerequisite relations and their evidence, the fields the site's data lacked) are
/// checked when read and left to the curator's review.
public struct ExternalLink: Sendable, Codable, Equatable {
    /// `ocw`, `khan`, or any name a hand-written entry gives.
    public var provider: String
    public var url: String
    public var courseNumbers: [String] = []
    public var departments: [String] = []
    /// The site's own levels (`Undergraduate`, `Graduate`).
    public var levels: [String] = []
    public var term: String?
    public var year: String?
    public var topics: [String] = []
    public var instructors: [String] = []
    /// The syllabus's "Prerequisites" section, as the site words it.
    public var prerequisitesText: String?
    public var units: [Unit] = []
    /// No longer listed by the site (kept until `discover --prune`).
    public var removed = false

    public init(provider: String, url: String) {
        self.provider = provider
        self.url = url
    }

    /// A part of the course on the other site (a Khan Academy unit).
    public struct Unit: Sendable, Codable, Equatable {
        public var title: String
        public var url: String
        public var description: String?

        public init(title: String, url: String, description: String? = nil) {
            self.title = title
            self.url = url
            self.description = description
        }
    }

    /// The site's name for a reader: `MIT OpenCourseWare` for `ocw`.
    public var providerName: String {
        switch provider {
        case "ocw": "MIT OpenCourseWare"
        case "khan": "Khan Academy"
        default: provider
        }
    }
}
