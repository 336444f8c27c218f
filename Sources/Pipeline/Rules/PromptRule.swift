import Engine
import Foundation
import Render

/// `prompt:<step>` is a step's prompt: `prompts/system.mustache` and `prompts/<step>.mustache`.
/// Editing one step's template reruns that step's tasks only.
struct PromptRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    struct Value: Codable, Sendable {
        var system: String
        var user: String
    }

    func compute(_ key: PromptKey, in context: RuleContext) async throws -> Value {
        let folder = try await context.settings().promptsPath
        var texts: [String] = []
        for name in ["system", key.step] {
            let path = environment.projectPath("\(folder)/\(name).mustache")
            guard try await context.exists(path) else {
                throw PipelineError("\(folder)/\(name).mustache is missing: the '\(key.step)' step needs it "
                                    + "(copy prompts/ from scrollbuild's repository, then edit it)")
            }
            let text = try await context.readText(path)
            _ = try PromptTemplate(text, name: "\(folder)/\(name).mustache")
            texts.append(text)
        }
        return Value(system: texts[0], user: texts[1])
    }
}
