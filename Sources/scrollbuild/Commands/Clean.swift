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
        let lock = try BuildRunner.takeLock(project.buildPath, fileSystem: fileSystem)
        let stateDir = ProjectBuild.stateDir(project.buildPath)
        for name in try fileSystem.list(project.buildPath) where name != ".scrollbuild" {
            try fileSystem.remove(project.buildPath + "/" + name)
        }
        for name in try fileSystem.list(stateDir) where name != "lock" {
            try fileSystem.remove(stateDir + "/" + name)
        }
        withExtendedLifetime(lock) {}
        print("cleaned \(project.buildPath)")
    }
}
