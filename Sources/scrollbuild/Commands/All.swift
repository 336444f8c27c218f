import ArgumentParser

/// `scrollbuild all`: builds every course of the catalog into the site.
struct All: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build every course in the catalog; delete pages of courses that are gone.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: RunOptions

    func run() async throws {
        try await BuildRunner.run(.all, project: project, options: options)
    }
}
