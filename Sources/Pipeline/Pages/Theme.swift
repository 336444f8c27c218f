import Render

/// The theme's Mustache templates: their sources (what is stored and compared) and their
/// parsed form, made once per build when the value is decoded, not once per page.
struct Theme: Codable, Sendable {
    /// Template name (`course` for `course.mustache`) → Mustache text.
    let sources: [String: String]
    let templates: SiteTemplates

    /// Throws `SiteTemplates.Failure` for a template that does not parse or is missing.
    init(sources: [String: String]) throws {
        self.sources = sources
        templates = try SiteTemplates(sources)
    }

    init(from decoder: Decoder) throws {
        try self.init(sources: try decoder.singleValueContainer().decode([String: String].self))
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sources)
    }
}
