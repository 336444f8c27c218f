import Engine
import Foundation

/// `templates:` is the theme's Mustache templates: the built-in ones, each replaced by the
/// project's own `*.mustache` of that name in the templates folder (when there is one),
/// parsed here once rather than on every page.
struct TemplatesRule: TypedRule {
    let version = 4  // 2: typed value; 3: built-in templates; 4: which built-ins, as an input
    let environment: PipelineEnvironment

    func compute(_ key: TemplatesKey, in context: RuleContext) async throws -> Theme {
        let folder = try await context.settings().templatesPath
        var sources: [String: String] = [:]
        _ = try await context.input(Builtins.input)
        for (name, text) in Builtins.files(in: "site-templates") where name.hasSuffix(".mustache") {
            sources[String(name.dropLast(".mustache".count))] = text
        }
        let projectFolder = environment.projectPath(folder)
        if try await context.entry(at: projectFolder) == .folder {
            for name in try await context.list(projectFolder) where name.hasSuffix(".mustache") {
                sources[String(name.dropLast(".mustache".count))] =
                    try await context.readText(environment.projectPath(folder + "/" + name))
            }
        }
        return try Theme(sources: sources)
    }
}
