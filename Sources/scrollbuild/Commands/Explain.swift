import ArgumentParser
import Effects
import Engine
import Pipeline
import Store

/// `scrollbuild explain <target>`: why one target would rebuild, down to the input that changed.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a target would rebuild: the chain of inputs down to the file that changed.",
        discussion: "A target is a task key (page:x/index.html), a page path (x/index.html) or a course id.")

    @Argument(help: "The target.")
    var target: String

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let fileSystem = LocalFileSystem()
        let environment = project.environment
        let check = ProjectCheck.check(environment: environment, inputs: project.inputs, fileSystem: fileSystem)
        guard let key = ProjectCheck.key(for: target, environment: environment, in: check),
              let chain = check.explain(key) else {
            throw CommandFailure(ProjectCheck.unknownTarget(target, in: check))
        }
        guard let first = chain.first else {
            print("\(key): up to date")
            return
        }
        print("\(key) would rebuild: \(first.reason)")
        for step in chain.dropFirst() { print("  because \(step.key): \(step.reason)") }
        if let last = chain.last, last.key.isSource, let index = check.index(of: last.key) {
            print("  " + describeSource(check.trace.entries[index], fileSystem: fileSystem))
        }
    }

    /// Whether a source whose stat changed also changed its bytes.
    private func describeSource(_ entry: TraceEntry, fileSystem: any FileSystem) -> String {
        if entry.key.isInput { return "\(entry.key): the value given to this build differs from the last build's" }
        let path = entry.key.sourcePath
        guard let stat = fileSystem.stat(path) else { return "\(path) was deleted" }
        if stat.isDirectory { return "\(path): an entry was added, removed or renamed" }
        guard let bytes = try? fileSystem.read(path) else { return "\(path) cannot be read" }
        return ContentHash(of: bytes) == entry.digest
            ? "\(path): only its timestamp changed; the content is the same, so the rebuild stops there"
            : "\(path): its content changed"
    }
}
