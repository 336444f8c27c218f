import ArgumentParser
import Effects
import Pipeline

/// `scrollbuild clean`: deletes everything the build made.
struct Clean: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the build folder's site and state (the next build starts from scratch).")

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let fileSystem = LocalFileSystem()
        guard fileSystem.stat(project.buildPath) != nil else {
            print("nothing to clean: \(project.buildPath) does not exist")
            return
        }
        let lock = try BuildRunner.takeLock(project.layout, fileSystem: fileSystem)
        let stateDir = project.layout.state
        for name in try fileSystem.list(project.buildPath) where project.buildPath + "/" + name != stateDir {
            try fileSystem.remove(project.buildPath + "/" + name)
        }
        for name in try fileSystem.list(stateDir) where stateDir + "/" + name != project.layout.buildLock {
            try fileSystem.remove(stateDir + "/" + name)
        }
        withExtendedLifetime(lock) {}
        print("cleaned \(project.buildPath)")
    }
}
