import Catalog
import Diagnostics
import Engine
import Foundation

/// `settings:` reads `scrollbuild.yml` (optional) into `ProjectSettings` and its diagnostics.
struct SettingsRule: Rule {
    let kind = "settings"
    let version = 3  // 2: prompts and schemas paths; 3: evaluation
    let environment: PipelineEnvironment

    struct Value: Codable, Sendable {
        var settings: ProjectSettings
        var diagnostics: [Diagnostic]
    }

    static let fileName = "scrollbuild.yml"

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let path = environment.projectPath(SettingsRule.fileName)
        guard try await context.exists(path) else {
            return try StoredJSON.encode(Value(settings: ProjectSettings(), diagnostics: []))
        }
        let (settings, diagnostics) = ProjectSettings.read(try await context.readText(path), file: SettingsRule.fileName)
        return try StoredJSON.encode(Value(settings: settings, diagnostics: diagnostics))
    }
}

extension RuleContext {
    func settings() async throws -> ProjectSettings {
        try await need(Keys.settings, as: SettingsRule.Value.self).settings
    }
}
