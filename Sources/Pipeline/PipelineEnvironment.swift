import Catalog
import Engine
import Foundation
import Git
import LLM
import Render
import Store
import Synchronization

/// What every rule of the course pipeline shares: where the project and the build
/// folder are, and an in-memory cache of parsed templates (parsed once per distinct
/// theme, not once per page).
public final class PipelineEnvironment: Sendable {
    /// The project root: `scrollbuild.yml`, `catalog/`, `content/`, `site-templates/` are under it.
    public let projectRoot: String
    /// The build folder (`build` by default); pages go to `<buildDir>/site/`.
    public let buildDir: String
    /// Answers the LLM steps; nil for commands that only read the trace.
    public let scheduler: CallScheduler?
    /// How repository courses are fetched and planned.
    public let sources: SourceOptions
    /// The bare repositories of repository courses, under `<build>/.scrollbuild/git`.
    public let git: GitCache
    /// The pins `scrollbuild.lock` held when the build started (the file itself is a product of `lock:`).
    private let recordedPins = Mutex<[String: GitPin]>([:])
    private let progressBoard = Mutex<ProgressBoard?>(nil)
    private let templateCache = Mutex<[ContentHash: SiteTemplates]>([:])
    private let catalogCache = Mutex<[ContentHash: [String: Catalog.Item]]>([:])
    private let decodedCache = Mutex<[ContentHash: any Sendable]>([:])

    public init(projectRoot: String, buildDir: String, scheduler: CallScheduler? = nil, sources: SourceOptions = SourceOptions()) {
        self.projectRoot = projectRoot
        self.buildDir = buildDir
        self.scheduler = scheduler
        self.sources = sources
        git = GitCache(root: buildDir + "/.scrollbuild/git", token: sources.gitToken)
    }

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

    var progress: ProgressBoard? {
        get { progressBoard.withLock { $0 } }
    }

    func attach(_ board: ProgressBoard) { progressBoard.withLock { $0 = board } }

    /// Where to fetch a course's `url` from: a relative local path is taken from the project root.
    func location(of url: String) -> String {
        let isRemote = url.contains("://") || (url.contains("@") && url.contains(":"))
        if isRemote || url.hasPrefix("/") { return git.location(of: url) }
        let root = projectRoot.hasPrefix("/") ? projectRoot : FileManager.default.currentDirectoryPath + "/" + projectRoot
        return URL(fileURLWithPath: root).appendingPathComponent(url).standardizedFileURL.path
    }

    /// `relative` under the project root.
    public func projectPath(_ relative: String) -> String {
        projectRoot == "." ? relative : projectRoot + "/" + relative
    }

    /// A page's path in the site folder.
    public func sitePath(_ page: String) -> String { buildDir + "/site/" + page }

    /// The catalog's courses by id, decoded once per distinct catalog value (every
    /// `locate:` key reads it; decoding it each time would make adding a course O(N²)).
    func catalogIndex(_ value: Value) throws -> [String: Catalog.Item] {
        if let cached = catalogCache.withLock({ $0[value.digest] }) { return cached }
        let catalog = try StoredJSON.decode(Catalog.self, from: value.bytes)
        let index = Dictionary(catalog.courses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        catalogCache.withLock { $0 = [value.digest: index] }
        return index
    }

    /// The parsed theme for a `templates:` value, parsed once per distinct value.
    func templates(_ value: Value) throws -> SiteTemplates {
        if let cached = templateCache.withLock({ $0[value.digest] }) { return cached }
        let parsed = try SiteTemplates(try StoredJSON.decode([String: String].self, from: value.bytes))
        templateCache.withLock { $0[value.digest] = parsed }
        return parsed
    }

    /// `key`'s value decoded, reusing a recent decoding of the same bytes: the pages of a
    /// course all read its course and outline values. Holds at most 4,096 values.
    func need<T: Decodable & Sendable>(_ key: BuildKey, as type: T.Type, in context: RuleContext) async throws -> T {
        let value = try await context.needValue(key)
        if let cached = decodedCache.withLock({ $0[value.digest] }) as? T { return cached }
        let decoded = try StoredJSON.decode(type, from: value.bytes)
        decodedCache.withLock { cache in
            if cache.count >= 4096 { cache.removeAll(keepingCapacity: true) }
            cache[value.digest] = decoded
        }
        return decoded
    }
}

/// How a build treats repository courses (command-line flags).
public struct SourceOptions: Sendable {
    /// Refuse to move a ref that `scrollbuild.lock` records.
    public var locked: Bool
    /// Plan pathways anew, rewriting `catalog/<id>.pathway.yml` (the choice is kept when its id remains).
    public var replan: Bool
    /// Sent to HTTPS git remotes that ask for credentials (`SCROLLBUILD_GIT_TOKEN`).
    public var gitToken: String?

    public init(locked: Bool = false, replan: Bool = false, gitToken: String? = nil) {
        self.locked = locked
        self.replan = replan
        self.gitToken = gitToken
    }
}

/// JSON as the pipeline stores values: sorted keys, so equal values are equal bytes
/// (which early cutoff depends on).
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }
}

extension RuleContext {
    /// The value of `key`, decoded from the pipeline's JSON.
    func need<T: Decodable>(_ key: BuildKey, as type: T.Type) async throws -> T {
        try StoredJSON.decode(type, from: try await need(key))
    }

    /// The values of `keys`, concurrently, decoded.
    func need<T: Decodable>(_ keys: [BuildKey], as type: T.Type) async throws -> [T] {
        try await need(keys).map { try StoredJSON.decode(type, from: $0) }
    }

    /// A file's text, as UTF-8.
    func readText(_ path: String) async throws -> String {
        String(decoding: try await read(path), as: UTF8.self)
    }
}
