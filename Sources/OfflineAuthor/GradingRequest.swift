import LLM

/// What the `evaluate-module` step is given to grade one written module.
public struct GradingRequest: Codable, Sendable, Equatable {
    public static let step = "evaluate-module"

    public var level: String
    /// The module as the generate step answered it.
    public var module: JSONValue
    /// The same, as canonical JSON text, for a prompt to quote.
    public var moduleJSON: String
    public var objectives: [String]
    public var summary: String
    /// Every source text the module may draw on.
    public var source: String
    public var houseSections: [String]
    public var themes: [String]

    enum CodingKeys: String, CodingKey {
        case level, module, moduleJSON = "module_json", objectives, summary, source, houseSections = "house_sections", themes
    }

    public init(level: String, module: JSONValue, objectives: [String], summary: String, source: String,
                houseSections: [String], themes: [String]) {
        self.level = level
        self.module = module
        self.moduleJSON = module.canonicalText
        self.objectives = objectives
        self.summary = summary
        self.source = source
        self.houseSections = houseSections
        self.themes = themes
    }
}
