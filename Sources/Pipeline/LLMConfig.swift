import Catalog
import Diagnostics
import Foundation
import LLM
import OfflineAuthor

/// What the environment may override in the LLM settings, for CI:
/// `SCROLLBUILD_LLM_PROVIDER`, `SCROLLBUILD_LLM_BASE_URL`, `SCROLLBUILD_LLM_MODEL`.
/// Given to the engine as a build input (`ProjectBuild.Inputs`), so a change of provider
/// or model reruns the LLM steps and nothing else. A base URL's credentials
/// (`user:password@`) are not kept: the transport gets them (`CredentialedTransport`),
/// the engine's trace never does.
public struct LLMOverrides: Sendable, Codable, Equatable {
    public var provider: String?
    public var baseURL: String?
    public var model: String?

    public init(environment: [String: String]) {
        provider = environment["SCROLLBUILD_LLM_PROVIDER"].flatMap { $0.isEmpty ? nil : $0 }
        baseURL = environment["SCROLLBUILD_LLM_BASE_URL"].flatMap { $0.isEmpty ? nil : URLCredentials.split($0).url }
        model = environment["SCROLLBUILD_LLM_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True when nothing is overridden.
    public var isEmpty: Bool { provider == nil && baseURL == nil && model == nil }

    /// The settings with these overrides applied: each applies to every step.
    func applied(to settings: LLMSettings) -> LLMSettings {
        var settings = settings
        if let provider { settings.provider = provider }
        if let baseURL { settings.baseURL = baseURL }
        if let model { settings.model = model }
        for name in settings.steps.keys {
            if provider != nil { settings.steps[name]?.provider = nil }
            if model != nil { settings.steps[name]?.model = nil }
        }
        return settings
    }
}

extension LLMSettings {
    /// The provider and model `step` uses.
    func choice(for step: String) -> ModelChoice {
        let own = steps[step]
        let provider = ModelChoice.Provider(rawValue: own?.provider ?? self.provider) ?? .offline
        guard provider == .openai else {
            return ModelChoice(provider: .offline, baseURL: "", model: "offline", offlineVersion: OfflineAuthor.version)
        }
        return ModelChoice(provider: .openai, baseURL: baseURL, model: own?.model ?? model,
                           structuredOutput: ModelChoice.StructuredOutput(rawValue: structuredOutput) ?? .jsonSchema,
                           temperature: own?.temperature ?? temperature, seed: seed, maxTokens: own?.maxTokens ?? maxTokens)
    }

    /// How calls of `course`'s `step` to `model` are made.
    func policy(model: String, course: String, step: String) -> CallPolicy {
        CallPolicy(invalidRetries: max(0, invalidRetries),
                   retry: RetryPolicy(attempts: max(1, attempts), baseDelay: .milliseconds(backoffMilliseconds),
                                      maxDelay: .milliseconds(maxBackoffMilliseconds)),
                   limits: RateLimits(requestsPerMinute: limits[model]?.requestsPerMinute,
                                      tokensPerMinute: limits[model]?.tokensPerMinute),
                   price: prices[model].map { LLM.Price(input: $0.input, output: $0.output) },
                   courseBudget: courseBudgets[course].map { BudgetLimit(usd: $0.usd, tokens: $0.tokens) },
                   runBudget: BudgetLimit(usd: budget.usd, tokens: budget.tokens),
                   keyVariable: apiKeyEnv,
                   connectTimeout: .milliseconds(connectTimeoutSeconds * 1000),
                   totalTimeout: .milliseconds(timeoutSeconds * 1000),
                   maxAnswerBytes: max(1, steps[step]?.maxAnswerBytes ?? maxAnswerBytes))
    }
}
