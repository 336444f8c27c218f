import Engine
import Foundation

/// The theme, prompts and schemas a project may leave out: its own file wins, one file at a
/// time, else the built-in one (`BuiltinFiles`, generated from this repository's own).
enum Builtins {
    /// The built-in file at `path` (`site-templates/style.css`), if there is one.
    static func file(_ path: String) -> String? { BuiltinFiles.files[path] }

    /// The built-in files of `folder` (`site-templates`), by name.
    static func files(in folder: String) -> [String: String] {
        var found: [String: String] = [:]
        for (path, text) in BuiltinFiles.files where path.hasPrefix(folder + "/") {
            found[String(path.dropFirst(folder.count + 1))] = text
        }
        return found
    }

    /// The project's `projectFile` (read as a dependency) or, when it is not there, the
    /// built-in `builtin`; nil when neither exists.
    static func text(_ projectFile: String, builtin: String, environment: PipelineEnvironment,
                     in context: RuleContext) async throws -> String? {
        let path = environment.projectPath(projectFile)
        if try await context.exists(path) { return try await context.readText(path) }
        return file(builtin)
    }
}
