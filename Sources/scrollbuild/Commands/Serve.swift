import ArgumentParser
import Foundation
import Pipeline

/// `scrollbuild serve`: builds, serves the site on 127.0.0.1, and rebuilds (incrementally)
/// and reloads open pages whenever a file of the project changes.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, serve the site on 127.0.0.1, and rebuild and reload open pages when the project changes.",
        discussion: "A failed rebuild shows its errors over the open pages. Stop with Ctrl-C.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var options: RunOptions

    @Option(help: "The port to listen on (0: any free port, printed).")
    var port = 4000

    func run() async throws {
        let root = URL(fileURLWithPath: project.project).standardizedFileURL.path
        let server = try PreviewServer(site: project.layout.site, port: port)
        await rebuild(server)
        server.start()
        FileHandle.standardOutput.write(Data("serving http://127.0.0.1:\(server.port)/ (rebuilds when the project changes; Ctrl-C stops)\n".utf8))
        let buildFolder = URL(fileURLWithPath: project.buildPath, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        let watcher = try ProjectWatcher(root: root, skipping: [buildFolder])
        let changes = AsyncStream<[String]> { continuation in
            Thread.detachNewThread { watcher.run { continuation.yield($0) } }
        }
        for await _ in changes { await rebuild(server) }
    }

    /// One incremental build; then a reload, or the errors, for every open page.
    private func rebuild(_ server: PreviewServer) async {
        do {
            try await BuildRunner.run(.all, project: project, options: options)
        } catch {
            // The errors are printed (and kept in the state folder); the pages show them below.
        }
        if let errors = LastErrors.read(project.layout, fileSystem: LiveEffects.fileSystem) {
            server.broadcast(event: "errors", data: "scrollbuild: the last rebuild failed\n\n" + errors)
        } else {
            server.broadcast(event: "reload", data: "")
        }
    }
}
