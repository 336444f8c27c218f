import Engine
import Foundation
import Store

/// The theme, prompts and schemas a project may leave out: its own file wins, one file at a
/// time, else the built-in one (`BuiltinFiles`, generated from this repository's own).
enum Builtins {
    /// The build input holding `digest`: the rules that read built-in files read it too, so
    /// a scrollbuild whose built-in files differ runs them again (they cut off when their
    /// result is the same).
    static let input = "builtins"

    /// A digest of every built-in file, names and texts.
    static let digest: Data = {
        var text = ""
        for (path, contents) in BuiltinFiles.files.sorted(by: { $0.key < $1.key }) { text += "\(path)\u{0}\(contents)\u{0}" }
        return Data(ContentHash(ofString: text).hex.utf8)
    }()

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
        _ = try await context.input(Builtins.input)
        let path = environment.projectPath(projectFile)
        if try await context.exists(path) { return try await context.readText(path) }
        return file(builtin)
    }
}
