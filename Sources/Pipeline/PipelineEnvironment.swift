import Catalog
import Effects
import Engine
import Foundation
import Git
import LLM
import Store
import Synchronization

/// What every rule of the course pipeline shares: where the project and the build folder
/// are, the LLM scheduler, the git cache and how repository courses are treated.
/// Decoded values are not cached here: the engine keeps each key's typed value.
public final class PipelineEnvironment: Sendable {
    /// The project root: `scrollbuild.yml`, `catalog/`, `content/`, `site-templates/` are under it.
    public let projectRoot: String
    /// Every path under the build folder.
    public let layout: BuildLayout
    /// Answers the LLM steps; nil for commands that only read the trace.
    public let scheduler: CallScheduler?
    /// How repository courses are fetched and planned.
    public let sources: SourceOptions
    /// The bare repositories of repository courses, under `layout.git`.
    public let git: GitCache
    /// Runs `pdftotext` for PDF documents; nil for commands that only read the trace.
    public let processes: (any ProcessRunner)?
    /// The team's cache (`cache.remote`), for what costs seconds to make here (PDFs).
    public let shared: (any SharedCache)?
    /// The pins `scrollbuild.lock` held when the build started (the file itself is a product of `lock:`).
    private let recordedPins = Mutex<[String: GitPin]>([:])
    private let progressBoard = Mutex<ProgressBoard?>(nil)

    /// - Parameter fileSystem: for the git cache's folders (the rules read and write
    ///   through their `RuleContext`).
    public init(projectRoot: String, buildDir: String, fileSystem: any FileSystem, scheduler: CallScheduler? = nil,
                sources: SourceOptions = SourceOptions(), processes: (any ProcessRunner)? = nil,
                shared: (any SharedCache)? = nil) {
        self.projectRoot = projectRoot
        self.processes = processes
        self.shared = shared
        self.layout = BuildLayout(root: buildDir)
        self.scheduler = scheduler
        self.sources = sources
        git = GitCache(root: layout.git, token: sources.gitToken, fileSystem: fileSystem)
    }

    /// The build folder.
    public var buildDir: String { layout.root }

    /// The lock file, at the project root.
    public var lockPath: String { projectPath(LockFile.name) }

    /// Remembers the pins of the lock file as the build starts.
    func recordPins(_ pins: [GitPin]) {
        recordedPins.withLock { $0 = Dictionary(pins.map { (LockFile.slot($0.url, $0.ref), $0) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// What the lock file recorded for `url` at `ref` when the build started.
    func recordedPin(url: String, ref: String) -> GitPin? {
        recordedPins.withLock { $0[LockFile.slot(url, ref)] }
    }

    var progress: ProgressBoard? { progressBoard.withLock { $0 } }

    func attach(_ board: ProgressBoard) { progressBoard.withLock { $0 = board } }

    /// True for a URL git reaches over a network (`https://…`, `git@host:path`).
    static func isRemote(_ url: String) -> Bool {
        url.contains("://") || (url.contains("@") && url.contains(":"))
    }

    /// Where to fetch a course's `url` from: a relative local path is taken from the project root.
    func location(of url: String) -> String {
        if PipelineEnvironment.isRemote(url) || url.hasPrefix("/") { return git.location(of: url) }
        return URL(fileURLWithPath: absolute(projectRoot)).appendingPathComponent(url).standardizedFileURL.path
    }

    /// `path` as an absolute, standardized path (a relative one is taken from the working folder).
    private func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The documents of a repository course at `revision`.
    func tree(of source: CourseSource.Repository, at revision: SourceRevision, _ context: RuleContext) -> any DocumentTree {
        switch revision {
        case .commit(let pin): CommitTree(git: git, url: source.url, commit: pin.commit)
        case .folder(let path): FolderTree(root: path, context: context, buildFolder: absolute(layout.root))
        }
    }

    /// `relative` under the project root.
    public func projectPath(_ relative: String) -> String {
        projectRoot == "." ? relative : projectRoot + "/" + relative
    }

    /// A page's path in the site folder.
    public func sitePath(_ page: String) -> String { layout.sitePath(page) }
}

/// How a build treats repository courses (command-line flags).
public struct SourceOptions: Sendable {
    /// Refuse to move a ref that `scrollbuild.lock` records.
    public var locked: Bool
    /// Sent to HTTPS git remotes that ask for credentials (`SCROLLBUILD_GIT_TOKEN`).
    public var gitToken: String?

    public init(locked: Bool = false, gitToken: String? = nil) {
        self.locked = locked
        self.gitToken = gitToken
    }
}
