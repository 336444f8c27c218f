import ArgumentParser
import Foundation
import Pipeline

/// Where the project and the build folder are; shared by every subcommand.
struct ProjectOptions: ParsableArguments {
    @Option(name: [.customShort("C"), .long], help: "The project folder (holding catalog/ and scrollbuild.yml).")
    var project = "."

    @Option(name: .customLong("build-dir"), help: "The build folder, relative to the project folder.")
    var buildDir = "build"

    /// The build folder as a path from the working directory.
    var buildPath: String {
        buildDir.hasPrefix("/") || project == "." ? buildDir : project + "/" + buildDir
    }

    var environment: PipelineEnvironment {
        PipelineEnvironment(projectRoot: project, buildDir: buildPath)
    }
}

/// How to run a build; shared by `all` and `build`.
struct RunOptions: ParsableArguments {
    @Option(name: .short, help: "Run at most N tasks at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .short, help: "Keep going past failures: build everything that does not depend on them.")
    var keepGoing = false

    @Flag(help: "Print one JSON object on stdout instead of a summary.")
    var json = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("-j must be at least 1") }
    }
}
