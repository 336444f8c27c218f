import Catalog
import Engine
import Foundation

/// `catalog:` lists the catalog folder (and `external/<site>/` in it), parses every course
/// file and checks them together (unique ids, known prerequisites, no cycles).
struct CatalogRule: TypedRule {
    let version = 4  // 2: typed value; 3: packaged; 4: catalog/external, external
    let environment: PipelineEnvironment

    func compute(_ key: CatalogKey, in context: RuleContext) async throws -> Catalog {
        let folder = try await context.settings().catalogPath
        guard try await context.exists(environment.projectPath(folder)) else {
            throw PipelineError("the catalog folder '\(folder)' does not exist; create it and add one file per course")
        }
        // Only course files: a pathway file written next to them leaves the catalog alone.
        var files = try await context.list(environment.projectPath(folder), suffixes: CourseReader.extensions)
            .filter(CourseReader.isCourseFile)
            .map { folder + "/" + $0 }
        files += try await externalFiles(in: folder + "/" + CatalogRule.externalFolder, context)
        return CatalogValidator.validate(try await context.need(files.map(EntryKey.init(file:))))
    }

    /// Where `scrollbuild discover` writes the courses other sites publish, a folder per site.
    static let externalFolder = "external"

    /// `external/<site>/<id>.json`: one level of folders, each read like the catalog folder.
    private func externalFiles(in folder: String, _ context: RuleContext) async throws -> [String] {
        let path = environment.projectPath(folder)
        guard try await context.entry(at: path) == .folder else { return [] }
        var files: [String] = []
        for site in try await context.list(path) where !site.hasPrefix(".") {
            let sitePath = path + "/" + site
            guard try await context.entry(at: sitePath) == .folder else { continue }
            files += try await context.list(sitePath, suffixes: [".json"])
                .filter(CourseReader.isCourseFile).map { folder + "/" + site + "/" + $0 }
        }
        return files
    }
}
