import Foundation
import Testing

/// A scrollbuild project in a fresh temporary folder, built by the real binary.
/// Copies a fixture (or this repository's sample project), runs commands, edits files.
struct TestProject {
    let root: URL

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/scrollbuild").path

    /// A copy of the repository's own sample project (catalog, content, templates, settings),
    /// without its repository course unless `withDocs`: then the copy holds docs/ and
    /// README.md, as the course expects, and is a git repository of its own unless not
    /// `asGitRepository` (a project downloaded as an archive). Its courses ask for their
    /// pages only unless `packages` (books, PDFs, cartridges and decks take WeasyPrint and
    /// seconds a test of pages need not spend).
    static func sample(withDocs: Bool = false, asGitRepository: Bool = true, packages: Bool = false) throws -> TestProject {
        let project = try TestProject.empty()
        var items = ["catalog", "content", "site-templates", "scrollbuild.yml", "prompts", "schemas"]
        if withDocs { items += ["docs", "README.md"] }
        for item in items {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(item),
                                             to: project.root.appendingPathComponent(item))
        }
        if !packages {
            for file in try FileManager.default.contentsOfDirectory(atPath: project.path("catalog")) where file.hasSuffix(".md") {
                let text = try project.read("catalog/" + file)
                let pagesOnly = text.replacingOccurrences(of: #"(?m)^outputs: \[.*\]$"#, with: "outputs: [site]",
                                                          options: .regularExpression)
                if pagesOnly != text { try project.write("catalog/" + file, pagesOnly) }
            }
        }
        if withDocs && asGitRepository {
            let repository = DocsRepository(root: project.root)
            try repository.git(["init", "-q", "-b", "main"])
            try repository.commit("The sample project")
        } else if !withDocs {
            for file in ["catalog/scrollbuild-docs.md", "catalog/scrollbuild-docs.pathway.yml"] where project.exists(file) {
                try project.remove(file)
            }
        }
        return project
    }

    /// An empty folder.
    static func empty() throws -> TestProject {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("scrollbuild-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return TestProject(root: root)
    }

    /// The sample's theme, prompts and schemas: what a project needs besides its catalog.
    func withTheme() throws -> TestProject {
        for item in ["site-templates", "prompts", "schemas"] {
            try FileManager.default.copyItem(at: TestProject.packageRoot.appendingPathComponent(item),
                                             to: root.appendingPathComponent(item))
        }
        return self
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(decoding: Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    /// Replaces the first occurrence of `old` in a file; fails the test when it is absent.
    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try read(relative)
        #expect(text.contains(old), "\(relative) does not contain \(old)")
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary in the project folder and waits for it.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) throws -> Outcome {
        let process = start(arguments, environment: environment, in: folder)
        return try finish(process)
    }

    /// Starts the binary without waiting, in the project folder or its subfolder `folder`;
    /// `environment` adds to (or overrides) the test's own.
    func start(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) -> RunningCommand {
        RunningCommand(executable: TestProject.binary, arguments: arguments,
                       directory: folder.map { root.appendingPathComponent($0) } ?? root, environment: environment)
    }

    func finish(_ command: RunningCommand) throws -> Outcome {
        try command.wait()
    }

    /// Runs a build command with `--json` and returns the object it printed.
    func json(_ arguments: [String], environment: [String: String] = [:]) throws -> BuildJSON {
        let outcome = try run(arguments + ["--json"], environment: environment)
        let line = outcome.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            Issue.record("not JSON: \(outcome.stdout)\n\(outcome.stderr)")
            return BuildJSON(status: outcome.status, object: [:], stdout: outcome.stdout, stderr: outcome.stderr)
        }
        return BuildJSON(status: outcome.status, object: object, stdout: outcome.stdout, stderr: outcome.stderr)
    }
}

/// The JSON object a build printed, with typed accessors for the keys tests count.
struct BuildJSON {
    var status: Int32
    var object: [String: Any]
    var stdout = ""
    var stderr: String

    /// Everything the run printed.
    var rawOutputs: [String] { [stdout, stderr] }

    func int(_ key: String) -> Int { object[key] as? Int ?? -1 }
    var tasksRun: Int { int("tasks_run") }
    var tasksCached: Int { int("tasks_cached") }
    var tasksCutOff: Int { int("tasks_cut_off") }
    var tasksFailed: Int { int("tasks_failed") }
    var ran: Set<String> { Set(object["ran"] as? [String] ?? []) }
    var errors: [String] { object["errors"] as? [String] ?? [] }
    var courses: [String] { object["courses"] as? [String] ?? [] }
    var llmCalls: Int { int("llm_calls") }
    var llmCacheHits: Int { int("llm_cache_hits") }
}

/// A running scrollbuild process whose output is collected in files (no pipe deadlocks).
final class RunningCommand {
    let process = Process()
    private let out: URL
    private let err: URL

    init(executable: String, arguments: [String], directory: URL, environment extra: [String: String] = [:]) {
        let tmp = FileManager.default.temporaryDirectory
        out = tmp.appendingPathComponent("sb-out-\(UUID().uuidString)")
        err = tmp.appendingPathComponent("sb-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // The test's own LLM settings never leak into a build: only what the test passes.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SCROLLBUILD_") }
        environment["CI"] = "true"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = try? FileHandle(forWritingTo: out)
        process.standardError = try? FileHandle(forWritingTo: err)
        do { try process.run() } catch { Issue.record("cannot start \(executable): \(error)") }
    }

    var pid: Int32 { process.processIdentifier }

    /// Where the command's stdout is collected, to read while it runs.
    var outputFile: URL { out }

    func wait() throws -> TestProject.Outcome {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return TestProject.Outcome(status: process.terminationStatus,
                                   stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                                   stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
