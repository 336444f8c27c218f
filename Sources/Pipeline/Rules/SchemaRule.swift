import Engine
import Foundation
import LLM

/// `schema:<step>` is a step's JSON Schema: the project's `schemas/<step>.json`, else the
/// built-in one.
struct SchemaRule: TypedRule {
    let version = 4  // 2: typed value; 3: built-in schemas; 4: which built-ins, as an input
    let environment: PipelineEnvironment

    func compute(_ key: SchemaKey, in context: RuleContext) async throws -> JSONValue {
        let file = "\(try await context.settings().schemasPath)/\(key.step).json"
        guard let text = try await Builtins.text(file, builtin: "schemas/\(key.step).json", environment: environment, in: context) else {
            throw PipelineError("\(file) is missing: the '\(key.step)' step needs its schema, and there is no built-in one")
        }
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw PipelineError("\(file): \(error)")
        }
    }
}
