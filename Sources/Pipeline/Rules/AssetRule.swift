import Engine
import Foundation
import Store

/// `asset:<name>` copies a file of the theme (the stylesheet) into the site folder.
struct AssetRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: AssetKey, in context: RuleContext) async throws -> String {
        let folder = try await context.settings().templatesPath
        let bytes = try await context.read(environment.projectPath(folder + "/" + key.file))
        try context.write(environment.sitePath(key.file), bytes)
        return ContentHash(of: bytes).hex
    }
}
