import Engine
import Foundation
import Packages
import Store

/// `packages:<id>` makes every package the course gets in this build; its value lists
/// them by their paths in the site folder.
struct PackagesRule: TypedRule {
    let version = 1

    /// Each package's path in the site folder.
    static func path(_ course: String, _ ext: String) -> String { "\(course)/\(course).\(ext)" }

    func compute(_ key: PackagesKey, in context: RuleContext) async throws -> [String] {
        let course = try await context.need(CourseKey(course: key.course))
        let outputs = try await context.outputs(of: course)
        var files: [String] = []
        if outputs.contains(.epub) {
            _ = try await context.need(EPUBKey(course: key.course))
            files.append(PackagesRule.path(key.course, "epub"))
        }
        if outputs.contains(.pdf) {
            _ = try await context.need(PDFKey(course: key.course))
            files.append(PackagesRule.path(key.course, "pdf"))
        }
        if outputs.contains(.cartridge) {
            _ = try await context.need(CartridgeKey(course: key.course))
            files.append(PackagesRule.path(key.course, "imscc"))
        }
        if outputs.contains(.anki) {
            _ = try await context.need(AnkiKey(course: key.course))
            files.append(PackagesRule.path(key.course, "apkg"))
        }
        return files
    }
}
