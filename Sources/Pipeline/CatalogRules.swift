import Catalog
import Diagnostics
import Engine
import Foundation

/// `entry:<file>` parses one catalog file: its id, prerequisites and diagnostics.
struct EntryRule: Rule {
    let kind = "entry"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let file = key.name
        let text = try await context.readText(environment.projectPath(file))
        return try StoredJSON.encode(CourseReader.read(text, file: file).entry)
    }
}

/// `catalog:` lists the catalog folder, parses every course file and checks them
/// together (unique ids, known prerequisites, no cycles).
struct CatalogRule: Rule {
    let kind = "catalog"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let folder = try await context.settings().catalogPath
        guard try await context.exists(environment.projectPath(folder)) else {
            throw PipelineError("the catalog folder '\(folder)' does not exist; create it and add one file per course")
        }
        // Only course files: a pathway file written next to them leaves the catalog alone.
        let files = try await context.list(environment.projectPath(folder), suffixes: CourseReader.extensions)
            .filter(CourseReader.isCourseFile)
            .map { folder + "/" + $0 }
        let entries = try await context.need(files.map(Keys.entry), as: CatalogEntry.self)
        return try StoredJSON.encode(CatalogValidator.validate(entries))
    }
}

/// `locate:<id>` is course `id`'s entry in the checked catalog: its file and the
/// prerequisites that build. It reruns whenever the catalog changes, and is cut off
/// unless this course's own entry changed.
struct LocateRule: Rule {
    let kind = "locate"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let catalog = try environment.catalogIndex(try await context.needValue(Keys.catalog))
        guard let item = catalog[key.name] else {
            throw PipelineError("no course '\(key.name)' builds in the catalog")
        }
        return try StoredJSON.encode(item)
    }
}

/// `course:<id>` is the parsed `Course`, without source positions, so a reformatted file
/// that says the same thing is cut off here.
struct CourseRule: Rule {
    let kind = "course"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let file = try await context.need(Keys.locate(key.name), as: Catalog.Item.self).file
        let text = try await context.readText(environment.projectPath(file))
        guard let course = CourseReader.read(text, file: file).course else {
            throw PipelineError("\(file) no longer parses; see the catalog errors")
        }
        return try StoredJSON.encode(course)
    }
}

/// A pipeline failure with a message for the user.
struct PipelineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
