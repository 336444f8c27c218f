import Engine
import Foundation

/// `templates:` is the theme's Mustache templates (every `*.mustache` in the templates
/// folder), parsed here once rather than on every page.
struct TemplatesRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: TemplatesKey, in context: RuleContext) async throws -> Theme {
        let folder = try await context.settings().templatesPath
        var sources: [String: String] = [:]
        for name in try await context.list(environment.projectPath(folder)) where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] =
                try await context.readText(environment.projectPath(folder + "/" + name))
        }
        return try Theme(sources: sources)
    }
}
