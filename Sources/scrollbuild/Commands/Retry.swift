import ArgumentParser
import Foundation
import Pipeline

/// `scrollbuild retry`: builds again only the courses whose tasks failed in the last
/// build, with that build's options.
struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build again only what failed in the last build, with the same options.",
        discussion: "Reads build/.scrollbuild/last-failures.json, which a build with failures writes. A failure "
            + "that belongs to no course (the catalog, the site) retries that build's whole goal.")

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let layout = project.layout
        guard let last = LastFailures.read(layout, fileSystem: LiveEffects.fileSystem) else {
            print("retry: the last build into \(project.buildPath) had no failures; nothing to do")
            return
        }
        let command = try ScrollbuildCommand.parseAsRoot(CommandLineConventions.normalized(last.arguments))
        let options: RunOptions
        var goal: ProjectBuild.Goal
        switch command {
        case let all as All:
            options = all.options
            goal = .all
        case let build as Build:
            options = build.options
            goal = .courses(build.courses)
        default:
            throw ValidationError("retry: the last build's command line is not a build: \(last.arguments.joined(separator: " "))")
        }
        if !last.projectWide { goal = .courses(last.courses) }
        let what = last.projectWide ? "the whole build" : "\(last.courses.count) course\(last.courses.count == 1 ? "" : "s")"
        FileHandle.standardError.write(Data("retry: \(last.tasks.count) failed task\(last.tasks.count == 1 ? "" : "s"); building \(what) again\n".utf8))
        try await BuildRunner.run(goal, project: project, options: options, arguments: last.arguments)
    }
}
