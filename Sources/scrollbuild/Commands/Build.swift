import ArgumentParser

/// `scrollbuild build <id|glob>...`: builds only the named courses' pages.
struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the courses whose ids match (shell globs such as 'swift-*').")

    @Argument(help: "Course ids or globs.")
    var courses: [String]

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: RunOptions

    func validate() throws {
        guard !courses.isEmpty else { throw ValidationError("name at least one course id or glob") }
    }

    func run() async throws {
        try await BuildRunner.run(.courses(courses), project: project, options: options)
    }
}
