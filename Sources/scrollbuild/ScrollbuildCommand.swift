import ArgumentParser

/// `scrollbuild`: builds a folder of course descriptions into a site, rebuilding only what changed.
@main
struct ScrollbuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrollbuild",
        abstract: "Build courses and books from a git-tracked catalog into a static site, incrementally.",
        discussion: """
            Exit codes: 0 success; 1 a course or input has errors (all others still built); \
            3 another build holds the build folder's lock; 4 the LLM budget stopped the run.
            """,
        subcommands: [All.self, Build.self, Status.self, Explain.self, Graph.self, Clean.self, Report.self])
}
