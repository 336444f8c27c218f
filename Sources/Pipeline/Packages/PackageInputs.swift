import Engine
import Foundation
import Packages
import Store

extension RuleContext {
    /// A file of the theme (`book.css`): the project's own, else the built-in one.
    func themeFile(_ name: String, environment: PipelineEnvironment) async throws -> String {
        let folder = try await settings().templatesPath
        guard let text = try await Builtins.text(folder + "/" + name, builtin: "site-templates/" + name,
                                                 environment: environment, in: self) else {
            throw PipelineError("\(folder)/\(name) is missing, and the built-in theme has no such file")
        }
        return text
    }

    /// The bytes of every image and download the book's chapters name, by their names in it.
    func bookAssets(_ book: Book, environment: PipelineEnvironment) async throws -> [String: Data] {
        var assets: [String: Data] = [:]
        for chapter in book.chapters ?? [] {
            for (name, file) in (chapter.assets ?? [:]).sorted(by: { $0.key < $1.key }) where assets[name] == nil {
                assets[name] = try await read(environment.projectPath(file))
            }
        }
        return assets
    }
}
