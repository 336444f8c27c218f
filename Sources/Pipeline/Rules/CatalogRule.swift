import Catalog
import Engine
import Foundation

/// `catalog:` lists the catalog folder, parses every course file and checks them
/// together (unique ids, known prerequisites, no cycles).
struct CatalogRule: TypedRule {
    let version = 3  // 2: typed value; 3: packaged
    let environment: PipelineEnvironment

    func compute(_ key: CatalogKey, in context: RuleContext) async throws -> Catalog {
        let folder = try await context.settings().catalogPath
        guard try await context.exists(environment.projectPath(folder)) else {
            throw PipelineError("the catalog folder '\(folder)' does not exist; create it and add one file per course")
        }
        // Only course files: a pathway file written next to them leaves the catalog alone.
        let files = try await context.list(environment.projectPath(folder), suffixes: CourseReader.extensions)
            .filter(CourseReader.isCourseFile)
            .map { folder + "/" + $0 }
        return CatalogValidator.validate(try await context.need(files.map(EntryKey.init(file:))))
    }
}
