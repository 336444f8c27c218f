import Store

/// One message of a chat.
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    var json: JSONValue { ["role": .string(role), "content": .string(content)] }
}

/// Which provider answers, and how it is asked: everything about the model that can
/// change an answer, and nothing secret.
public struct ModelChoice: Sendable, Hashable, Codable {
    public enum Provider: String, Sendable, Codable { case offline, openai }
    /// How a provider is asked for JSON: a strict schema, or JSON mode for providers
    /// that lack structured outputs.
    public enum StructuredOutput: String, Sendable, Codable { case jsonSchema = "json_schema", jsonObject = "json_object" }

    public var provider: Provider
    /// `https://api.openai.com/v1` and the like; empty for the offline provider.
    public var baseURL: String
    public var model: String
    public var structuredOutput: StructuredOutput
    public var temperature: Double?
    public var seed: Int?
    public var maxTokens: Int?
    /// For the offline provider: the version of what answers it (bumped when the same
    /// request would get another answer); part of the request hash.
    public var offlineVersion: Int?

    public init(provider: Provider, baseURL: String, model: String, structuredOutput: StructuredOutput = .jsonSchema,
                temperature: Double? = nil, seed: Int? = nil, maxTokens: Int? = nil, offlineVersion: Int? = nil) {
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.structuredOutput = structuredOutput
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.offlineVersion = offlineVersion
    }
}

/// A call a build step makes: the step, its prompt, its schema, its model.
public struct LLMRequest: Sendable {
    /// The step (`generate-module`); names its schema, prompt and log rows.
    public var step: String
    /// Bumped when the step's code changes what it asks; part of the request hash.
    public var stepVersion: Int
    /// The build task making the call (for the log), and the course it belongs to (for budgets).
    public var task: String
    public var course: String
    public var choice: ModelChoice
    public var messages: [ChatMessage]
    public var schema: JSONSchema
    /// The values the prompt was made from. The offline provider answers from these;
    /// for it they are part of the request hash.
    public var inputs: JSONValue
    /// Limits, retries, price: how the call is made, not what it asks (not hashed).
    public var policy: CallPolicy
    /// Checks an answer that fits the schema must also pass (a quote that must occur in its
    /// source, say): one line per problem, quoted back like a schema violation. Not hashed.
    public var check: (@Sendable (JSONValue) -> [String])?

    public init(step: String, stepVersion: Int, task: String, course: String, choice: ModelChoice,
                messages: [ChatMessage], schema: JSONSchema, inputs: JSONValue, policy: CallPolicy = CallPolicy(),
                check: (@Sendable (JSONValue) -> [String])? = nil) {
        self.check = check
        self.step = step
        self.stepVersion = stepVersion
        self.task = task
        self.course = course
        self.choice = choice
        self.messages = messages
        self.schema = schema
        self.inputs = inputs
        self.policy = policy
    }

    /// The schema's name as providers see it: the step, in the characters they allow.
    public var schemaName: String { String(step.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }) }

    /// The chat-completions body for `messages` (the request's own, or those of a retry).
    public func body(messages: [ChatMessage]) -> JSONValue {
        var body: [String: JSONValue] = [
            "model": .string(choice.model),
            "messages": .array(messages.map(\.json)),
        ]
        switch choice.structuredOutput {
        case .jsonSchema:
            body["response_format"] = [
                "type": "json_schema",
                "json_schema": ["name": .string(schemaName), "strict": true, "schema": schema.strictForm],
            ]
        case .jsonObject:
            body["response_format"] = ["type": "json_object"]
        }
        if let t = choice.temperature { body["temperature"] = .number(t) }
        if let seed = choice.seed { body["seed"] = .number(Double(seed)) }
        if let m = choice.maxTokens { body["max_tokens"] = .number(Double(m)) }
        return .object(body)
    }

    /// SHA-256 over the canonical JSON of everything that can change the answer: the
    /// endpoint, the whole body (model, messages, response format and schema, sampling
    /// parameters), the full local schema, the step and its version; for the offline
    /// provider also its inputs and version. Never the key.
    public var hash: ContentHash {
        var parts: [String: JSONValue] = [
            "provider": .string(choice.provider.rawValue),
            "base_url": .string(choice.baseURL),
            "body": body(messages: messages),
            "schema": schema.value,
            "step": .string(step),
            "step_version": .number(Double(stepVersion)),
        ]
        if choice.provider == .offline {
            parts["inputs"] = inputs
            parts["offline_version"] = .number(Double(choice.offlineVersion ?? 0))
        }
        return ContentHash(of: JSONValue.object(parts).canonical)
    }
}
