import CGit2
import Dispatch
import Effects
import Foundation
import Synchronization

/// The shared cache of bare repositories (`<build>/.scrollbuild/git`): one per URL,
/// fetched into only when a ref may have moved or a commit is missing. Reading a commit's
/// tree and blobs needs no work tree and no network.
///
/// Every libgit2 call on one repository runs on that repository's serial queue (two
/// courses may share it), through one handle per build.
public final class GitCache: Sendable {
    public let root: String
    private let token: String?
    /// For the cache's own folders; libgit2 reads and writes inside them itself.
    private let fileSystem: any FileSystem
    /// git's `insteadOf` rules; nil until read, on first use: starting libgit2 loads the
    /// system's CA certificates, which a build without repository courses never needs.
    private let rewriteRules: Mutex<[(base: String, prefix: String)]?>
    private let slots = Mutex<[String: RepositorySlot]>([:])

    /// - Parameters:
    ///   - token: offered to HTTPS remotes that ask for credentials, within a `TokenScope`.
    ///   - rewrites: `url.<base>.insteadOf <prefix>` pairs; by default those of the user's git configuration.
    public init(root: String, token: String?, fileSystem: any FileSystem, rewrites: [(base: String, prefix: String)]? = nil) {
        self.root = root
        self.token = token
        self.fileSystem = fileSystem
        rewriteRules = Mutex(rewrites)
    }

    private var rewrites: [(base: String, prefix: String)] {
        rewriteRules.withLock { rules in
            if let rules { return rules }
            let read = GitConfig.insteadOf()
            rules = read
            return read
        }
    }

    /// The cache folder of `url`: readable name plus a hash of the whole URL.
    public func folder(for url: String) -> String {
        let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repository"
        let stem = last.hasSuffix(".git") ? String(last.dropLast(4)) : last
        let safe = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(40))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return root + "/" + (safe.isEmpty ? "repository" : safe) + "-" + String(hash, radix: 16) + ".git"
    }

    /// Where `url` is fetched from: git's `insteadOf` rewrites applied, and for a local
    /// path that is not there, the same path with `.git`.
    public func location(of url: String) -> String {
        var location = url
        if let rule = rewrites.filter({ url.hasPrefix($0.prefix) }).max(by: { $0.prefix.count < $1.prefix.count }) {
            location = rule.base + url.dropFirst(rule.prefix.count)
        }
        if location.hasPrefix("/"), fileSystem.stat(location) == nil, fileSystem.stat(location + ".git") != nil {
            location += ".git"
        }
        return location
    }

    /// Resolves `ref` of `url` to a commit that is in the cache, asking the remote only
    /// when it must: a commit id or a recorded tag already cached needs no network; a
    /// branch is asked about every time, and if the remote cannot be reached the recorded
    /// commit is used, with a note. With `locked`, a branch that moved away from
    /// `recorded` is an error. `location` is where to fetch from (by default `location(of: url)`).
    /// The token is offered only where `scope` allows.
    public func resolve(url: String, location: String? = nil, ref: String, recorded: GitPin?, locked: Bool,
                        scope: TokenScope = TokenScope(),
                        progress: @escaping @Sendable (FetchProgress) -> Void) async throws -> Resolution {
        try await withRepository(url) { repository in
            try Fetcher(repository: repository, url: url, location: location ?? self.location(of: url), ref: ref,
                        recorded: recorded, locked: locked, token: self.token, scope: scope, progress: progress).resolve()
        }
    }

    /// The files, symlinks and submodules under `folder` at `commit`; nil when the commit has no such folder.
    public func entries(url: String, commit: String, folder: String) async throws -> [TreeEntry]? {
        try await withRepository(url) { try $0.entries(commit: commit, folder: folder) }
    }

    /// A commit's committer time, in seconds since the epoch.
    public func time(url: String, commit: String) async throws -> Int64 {
        try await withRepository(url) { try $0.time(ofCommit: commit) }
    }

    /// A blob's bytes.
    public func blob(url: String, id: String) async throws -> Data {
        try await withRepository(url) { try $0.blob(id) }
    }

    /// A blob's size, without reading it.
    public func size(url: String, id: String) async throws -> Int {
        try await withRepository(url) { try $0.size(ofBlob: id) }
    }

    /// Runs `body` on the repository of `url`, on that repository's own serial queue: libgit2
    /// blocks, so it never runs on Swift's cooperative threads, and one handle, opened once
    /// per build (a `GitCache` lives for one build), is used by one thread at a time.
    private func withRepository<T: Sendable>(_ url: String, _ body: @escaping @Sendable (BareRepository) throws -> T) async throws -> T {
        let folder = folder(for: url)
        let slot = slots.withLock { slots in
            if let slot = slots[folder] { return slot }
            let slot = RepositorySlot(queue: DispatchQueue(label: "scrollbuild.git." + folder))
            slots[folder] = slot
            return slot
        }
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                continuation.resume(with: Result {
                    if slot.repository == nil {
                        try self.fileSystem.createDirectory(self.root)
                        slot.repository = try BareRepository(at: folder, exists: self.fileSystem.stat(folder + "/HEAD") != nil)
                    }
                    guard let repository = slot.repository else { throw GitError("cannot open the git cache \(folder)") }
                    return try body(repository)
                })
            }
        }
    }
}

/// One repository's queue and its handle. `@unchecked Sendable`: `repository` is read and
/// written only on `queue`, which is serial.
private final class RepositorySlot: @unchecked Sendable {
    let queue: DispatchQueue
    var repository: BareRepository?

    init(queue: DispatchQueue) { self.queue = queue }
}

/// git's own configuration (system and user files), as far as the cache needs it.
enum GitConfig {
    /// Every `url.<base>.insteadOf = <prefix>`.
    static func insteadOf() -> [(base: String, prefix: String)] {
        LibGit2.start()
        var config: OpaquePointer?
        guard git_config_open_default(&config) == 0 else { return [] }
        defer { git_config_free(config) }
        final class Found { var pairs: [(String, String)] = [] }
        let found = Found()
        _ = git_config_foreach_match(config, "^url\\..*\\.insteadof$", { entry, payload in
            guard let entry, let payload, let name = entry.pointee.name, let value = entry.pointee.value else { return 0 }
            let key = String(cString: name)
            let base = String(key.dropFirst("url.".count).dropLast(".insteadof".count))
            Unmanaged<Found>.fromOpaque(payload).takeUnretainedValue().pairs.append((base, String(cString: value)))
            return 0
        }, Unmanaged.passUnretained(found).toOpaque())
        return found.pairs.map { (base: $0.0, prefix: $0.1) }
    }
}
