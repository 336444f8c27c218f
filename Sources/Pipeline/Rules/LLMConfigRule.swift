import Catalog
import Engine
import Foundation
import LLM

/// `llmconfig:` is the LLM settings in effect: scrollbuild.yml's `llm:` with the
/// environment's overrides, which the build is given as an input (no file in between).
struct LLMConfigRule: TypedRule {
    let version = 2  // 2: typed value; overrides are an engine input

    /// The build input holding the environment's `LLMOverrides` (JSON; empty for none).
    static let overridesInput = "llm-overrides"

    func compute(_ key: LLMConfigKey, in context: RuleContext) async throws -> LLMSettings {
        let settings = try await context.settings().llm
        let given = try await context.input(LLMConfigRule.overridesInput)
        guard !given.isEmpty else { return settings }
        return try StoredValue.decode(LLMOverrides.self, from: given).applied(to: settings)
    }
}
