import Engine
import Foundation
import Store

/// `asset:<name>` copies a file of the theme (the stylesheet) into the site folder: the
/// project's own, else the built-in one.
struct AssetRule: TypedRule {
    let version = 4  // 2: typed value; 3: built-in theme; 4: which built-ins, as an input
    let environment: PipelineEnvironment

    func compute(_ key: AssetKey, in context: RuleContext) async throws -> String {
        let folder = try await context.settings().templatesPath
        _ = try await context.input(Builtins.input)
        let path = environment.projectPath(folder + "/" + key.file)
        let bytes: Data
        if try await context.exists(path) {
            bytes = try await context.read(path)
        } else if let builtin = Builtins.file("site-templates/" + key.file) {
            bytes = Data(builtin.utf8)
        } else {
            throw PipelineError("\(folder)/\(key.file) is missing, and the built-in theme has no such file")
        }
        try context.write(environment.sitePath(key.file), bytes)
        return ContentHash(of: bytes).hex
    }
}
