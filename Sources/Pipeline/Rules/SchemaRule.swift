import Engine
import Foundation
import LLM

/// `schema:<step>` is a step's JSON Schema, from `schemas/<step>.json`.
struct SchemaRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: SchemaKey, in context: RuleContext) async throws -> JSONValue {
        let file = "\(try await context.settings().schemasPath)/\(key.step).json"
        let path = environment.projectPath(file)
        guard try await context.exists(path) else {
            throw PipelineError("\(file) is missing: the '\(key.step)' step needs its schema (copy schemas/ from scrollbuild's repository)")
        }
        do {
            return try JSONValue(parsing: try await context.read(path))
        } catch {
            throw PipelineError("\(file): \(error)")
        }
    }
}
