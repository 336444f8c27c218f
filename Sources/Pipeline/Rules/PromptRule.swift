import Engine
import Foundation
import Render

/// `prompt:<step>` is a step's prompt: `prompts/system.mustache` and `prompts/<step>.mustache`,
/// each the project's own or else the built-in one. Editing one step's template reruns
/// that step's tasks only.
struct PromptRule: TypedRule {
    let version = 4  // 2: typed value; 3: built-in prompts; 4: which built-ins, as an input
    let environment: PipelineEnvironment

    struct Value: Codable, Sendable {
        var system: String
        var user: String
    }

    func compute(_ key: PromptKey, in context: RuleContext) async throws -> Value {
        let folder = try await context.settings().promptsPath
        var texts: [String] = []
        for name in ["system", key.step] {
            guard let text = try await Builtins.text("\(folder)/\(name).mustache", builtin: "prompts/\(name).mustache",
                                                     environment: environment, in: context) else {
                throw PipelineError("\(folder)/\(name).mustache is missing: the '\(key.step)' step needs it, "
                                    + "and there is no built-in prompt of that name")
            }
            _ = try PromptTemplate(text, name: "\(folder)/\(name).mustache")
            texts.append(text)
        }
        return Value(system: texts[0], user: texts[1])
    }
}
