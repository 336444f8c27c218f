import Catalog
import Diagnostics
import Engine
import Foundation

/// `settings:` reads `scrollbuild.yml` (optional) into `ProjectSettings` and its diagnostics:
/// parsed once per build, here, and the diagnostics shown with the catalog's.
struct SettingsRule: TypedRule {
    let version = 4  // 2: prompts and schemas paths; 3: evaluation; 4: typed value
    let environment: PipelineEnvironment

    struct Value: Codable, Sendable {
        var settings: ProjectSettings
        var diagnostics: [Diagnostic]
    }

    static let fileName = "scrollbuild.yml"

    func compute(_ key: SettingsKey, in context: RuleContext) async throws -> Value {
        let path = environment.projectPath(SettingsRule.fileName)
        guard try await context.exists(path) else {
            return Value(settings: ProjectSettings(), diagnostics: [])
        }
        let (settings, diagnostics) = ProjectSettings.read(try await context.readText(path), file: SettingsRule.fileName)
        return Value(settings: settings, diagnostics: diagnostics)
    }
}

extension RuleContext {
    /// The project's settings.
    func settings() async throws -> ProjectSettings {
        try await need(SettingsKey()).settings
    }

    /// A file's text (see `SourceText`: a byte-order mark and CRLF are fine, UTF-16 is
    /// an error that names the file and its encoding).
    func readText(_ path: String) async throws -> String {
        do {
            return try SourceText.decode(try await read(path))
        } catch let error as SourceText.EncodingError {
            throw PipelineError("\(path):1:1: error: \(error)")
        }
    }
}
