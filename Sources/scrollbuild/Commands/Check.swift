import ArgumentParser

/// `scrollbuild check`: every check a build makes (the catalog, the settings, links and
/// images), without writing the site: for CI before publishing, or an editor's save.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the build's checks (catalog, settings, links and images) without writing the site; exit 1 on any error or warning.",
        discussion: """
            The check builds into a folder of its own under build/.scrollbuild (so a second check \
            is incremental too) and shares the build's paid LLM answers.
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: RunOptions

    @Flag(help: "Also ask every http(s) link of the site whether it still answers (HEAD requests, cached for a day, one at a time per host).")
    var external = false

    func run() async throws {
        try await BuildRunner.run(.all, project: project, options: options, purpose: .check, externalLinks: external)
    }
}
