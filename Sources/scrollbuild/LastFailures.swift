import Effects
import Engine
import Foundation
import Pipeline

/// What the last build that had failures was run with, and which tasks failed (and their
/// courses): written by a build with failures, removed by one without, read by `retry`.
struct LastFailures: Codable, Equatable {
    /// The command line of that build, after the command name (`all -j 4 --shard 1/3`).
    var arguments: [String]
    /// The tasks that failed themselves (not those only not built because of them).
    var tasks: [String]
    /// Their courses; empty when a failure belongs to no course (the catalog, the site).
    var courses: [String]
    /// True when some failure belongs to no course: a retry then builds the whole goal.
    var projectWide: Bool

    init(arguments: [String], problems: [BuildProblem]) {
        self.arguments = arguments
        tasks = problems.map(\.key.rawValue).sorted()
        courses = Array(Set(problems.compactMap(\.course))).sorted()
        projectWide = problems.contains { $0.course == nil }
    }

    static func record(_ problems: [BuildProblem], arguments: [String], layout: BuildLayout, fileSystem: any FileSystem) {
        let record = LastFailures(arguments: arguments, problems: problems)
        if record.tasks.isEmpty {
            if fileSystem.stat(layout.lastFailures) != nil { try? fileSystem.remove(layout.lastFailures) }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let bytes = try? encoder.encode(record) { _ = try? fileSystem.write(layout.lastFailures, bytes, durable: true) }
    }

    static func read(_ layout: BuildLayout, fileSystem: any FileSystem) -> LastFailures? {
        (try? fileSystem.read(layout.lastFailures)).flatMap { try? JSONDecoder().decode(LastFailures.self, from: $0) }
    }
}
