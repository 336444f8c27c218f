import Diagnostics

/// The `llm:` section of scrollbuild.yml: which provider and models the LLM steps use,
/// their limits, prices and budgets. Environment variables override some of it at run
/// time (see `docs/configuration.md`).
public struct LLMSettings: Sendable, Codable, Equatable {
    /// `offline` (the default: no network, no key) or `openai` (any compatible endpoint).
    public var provider = "offline"
    public var baseURL = "https://api.openai.com/v1"
    /// The environment variable holding the API key(s), comma-separated.
    public var apiKeyEnv = "SCROLLBUILD_API_KEY"
    /// `json_schema` (strict structured output) or `json_object` (JSON mode).
    public var structuredOutput = "json_schema"
    /// The model of every step that does not name its own.
    public var model = "gpt-4o-mini"
    public var temperature: Double?
    public var seed: Int?
    public var maxTokens: Int?
    /// How often an answer that breaks the schema is asked for again.
    public var invalidRetries = 2
    /// Exchanges per call, and the backoff between them.
    public var attempts = 6
    public var backoffMilliseconds = 500
    public var maxBackoffMilliseconds = 30_000
    public var connectTimeoutSeconds = 10.0
    public var timeoutSeconds = 120.0
    /// The largest answer taken, in bytes (a step may set its own).
    public var maxAnswerBytes = 1_000_000
    /// Per step (`generate-module`): its own provider, model and sampling.
    public var steps: [String: Step] = [:]
    /// Per model: requests and tokens per minute.
    public var limits: [String: Limit] = [:]
    /// Per model: USD per million input and output tokens.
    public var prices: [String: Price] = [:]
    /// The run's budget, and each course's.
    public var budget = Budget()
    public var courseBudgets: [String: Budget] = [:]

    public struct Step: Sendable, Codable, Equatable {
        public var provider: String?
        public var model: String?
        public var temperature: Double?
        public var maxTokens: Int?
        public var maxAnswerBytes: Int?
    }

    public struct Limit: Sendable, Codable, Equatable {
        public var requestsPerMinute: Int?
        public var tokensPerMinute: Int?
    }

    public struct Price: Sendable, Codable, Equatable {
        public var input: Double
        public var output: Double
    }

    public struct Budget: Sendable, Codable, Equatable {
        public var usd: Double?
        public var tokens: Int?
    }

    public init() {}

    public static let providers = ["offline", "openai"]

    /// Reads the `llm:` mapping; problems go to `diagnostics`.
    static func read(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> LLMSettings {
        var settings = LLMSettings()
        guard var fields = FieldReader(value, context: "llm", diagnostics: &diagnostics) else { return settings }
        settings.provider = fields.choice("provider", providers)?.0 ?? settings.provider
        if let url = fields.raw("base_url"), case .string(let text) = url.kind {
            if URLCredentials.split(text).userinfo != nil {
                // scrollbuild.yml is committed, and the settings are stored in the build's trace.
                var secret = Diagnostic.error("'base_url' holds credentials (user:password@); scrollbuild.yml is "
                                              + "committed and stored, so give them in SCROLLBUILD_LLM_BASE_URL instead",
                                              at: url.location)
                secret.hidesSource = true  // however the line spells them
                diagnostics.append(secret)
            } else {
                settings.baseURL = text
            }
        } else {
            settings.baseURL = fields.string("base_url") ?? settings.baseURL
        }
        settings.apiKeyEnv = fields.string("api_key_env") ?? settings.apiKeyEnv
        settings.structuredOutput = fields.choice("structured_output", ["json_schema", "json_object"])?.0 ?? settings.structuredOutput
        settings.model = fields.string("model") ?? settings.model
        settings.temperature = fields.number("temperature")
        settings.seed = fields.integer("seed")
        settings.maxTokens = fields.integer("max_tokens")
        settings.invalidRetries = fields.integer("invalid_retries") ?? settings.invalidRetries
        settings.attempts = fields.integer("attempts") ?? settings.attempts
        settings.backoffMilliseconds = fields.integer("backoff_ms") ?? settings.backoffMilliseconds
        settings.maxBackoffMilliseconds = fields.integer("max_backoff_ms") ?? settings.maxBackoffMilliseconds
        settings.connectTimeoutSeconds = fields.number("connect_timeout_s") ?? settings.connectTimeoutSeconds
        settings.timeoutSeconds = fields.number("timeout_s") ?? settings.timeoutSeconds
        settings.maxAnswerBytes = fields.integer("max_answer_bytes") ?? settings.maxAnswerBytes
        for member in fields.members("steps") ?? [] {
            guard var step = FieldReader(member.value, context: "step '\(member.key)'", diagnostics: &diagnostics) else { continue }
            settings.steps[member.key] = Step(provider: step.choice("provider", providers)?.0, model: step.string("model"),
                                              temperature: step.number("temperature"), maxTokens: step.integer("max_tokens"),
                                              maxAnswerBytes: step.integer("max_answer_bytes"))
            diagnostics += step.finish()
        }
        for member in fields.members("limits") ?? [] {
            guard var limit = FieldReader(member.value, context: "limits of '\(member.key)'", diagnostics: &diagnostics) else { continue }
            settings.limits[member.key] = Limit(requestsPerMinute: limit.integer("requests_per_minute"),
                                                tokensPerMinute: limit.integer("tokens_per_minute"))
            diagnostics += limit.finish()
        }
        for member in fields.members("prices") ?? [] {
            guard var price = FieldReader(member.value, context: "price of '\(member.key)'", diagnostics: &diagnostics) else { continue }
            settings.prices[member.key] = Price(input: price.number("input") ?? 0, output: price.number("output") ?? 0)
            diagnostics += price.finish()
        }
        if let budget = fields.raw("budget") { settings.budget = readBudget(budget, "budget", &diagnostics) }
        for member in fields.members("course_budgets") ?? [] {
            settings.courseBudgets[member.key] = readBudget(member.value, "budget of course '\(member.key)'", &diagnostics)
        }
        diagnostics += fields.finish()
        return settings
    }

    private static func readBudget(_ value: SourceValue, _ context: String, _ diagnostics: inout [Diagnostic]) -> Budget {
        guard var fields = FieldReader(value, context: context, diagnostics: &diagnostics) else { return Budget() }
        let budget = Budget(usd: fields.number("usd"), tokens: fields.integer("tokens"))
        diagnostics += fields.finish()
        return budget
    }
}
