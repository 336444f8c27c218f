/// What the `analyse-document` step is given about one document: the contract between the
/// pipeline's analyse rule (which fills it) and whatever answers (a model reads it through
/// the prompt template, the offline author directly). Keys are the template's names.
public struct AnalysisRequest: Codable, Sendable, Equatable {
    public static let step = "analyse-document"

    public var title: String
    /// The document as Markdown, cut to the step's limit.
    public var text: String
    public var words: Int
    public var level: String
    public var audience: String

    public init(title: String, text: String, words: Int, level: String, audience: String) {
        self.title = title
        self.text = text
        self.words = words
        self.level = level
        self.audience = audience
    }
}
