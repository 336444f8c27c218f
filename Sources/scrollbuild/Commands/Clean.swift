import ArgumentParser
import Effects
import Pipeline

/// `scrollbuild clean`: deletes what the build made, keeping paid LLM answers.
struct Clean: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the build folder's site and state; the LLM answers and their log are kept unless --all.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Also delete the cached LLM answers and the call log (the next build pays for every call again).")
    var all = false

    func run() async throws {
        let fileSystem = LocalFileSystem()
        guard fileSystem.stat(project.buildPath) != nil else {
            print("nothing to clean: \(project.buildPath) does not exist")
            return
        }
        let lock = try BuildRunner.takeLock(project.layout, fileSystem: fileSystem)
        let kept = try BuildCleaner(layout: project.layout, fileSystem: fileSystem).clean(everything: all)
        withExtendedLifetime(lock) {}
        print("cleaned \(project.buildPath)" + (kept > 0 ? " (kept \(kept) cached LLM answer\(kept == 1 ? "" : "s"); --all deletes them)" : ""))
    }
}
