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
        var (settings, diagnostics) = ProjectSettings.read(try await context.readText(path, limit: EntryRule.sizeLimit),
                                                             file: SettingsRule.fileName)
        // Where the cache is changes no output: left out, so moving it rebuilds nothing.
        settings.cache = CacheSettings()
        return Value(settings: settings, diagnostics: diagnostics)
    }
}

extension RuleContext {
    /// The project's settings.
    func settings() async throws -> ProjectSettings {
        try await need(SettingsKey()).settings
    }

    /// A file's text (see `SourceText`: a byte-order mark and CRLF are fine, UTF-16 is
    /// an error that names the file and its encoding). A file over `limit` bytes is an
    /// error before any parser sees it.
    func readText(_ path: String, limit: Int = 20_000_000) async throws -> String {
        let bytes = try await read(path)
        guard bytes.count <= limit else {
            throw PipelineError("\(path):1:1: error: the file is \(bytes.count / 1_000) kB, over the \(limit / 1_000) kB "
                                + "this kind of file may have")
        }
        do {
            return try SourceText.decode(bytes)
        } catch {
            throw PipelineError("\(path):1:1: error: \(error)")
        }
    }
}
