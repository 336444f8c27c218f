import Effects
import Foundation
import Synchronization

/// A file system in memory that records every read and write, as ninja's
/// `VirtualFileSystem` does, so a test can say which files a build touched.
///
/// Paths are absolute (`/project/catalog/a.md`); `.` and `..` are not interpreted. Folders
/// exist implicitly above every file and explicitly once created. File times come from a
/// `ManualWallClock`: a test that wants a source to look old moves the clock on.
public final class InMemoryFileSystem: FileSystem {
    private struct Node {
        var data: Data?  // nil: a folder
        var mtime: Int64
        var inode: UInt64
    }

    private struct State {
        var nodes: [String: Node] = ["/": Node(data: nil, mtime: 0, inode: 1)]
        var nextInode: UInt64 = 2
        var reads: [String] = []
        var writes: [String] = []
        var watched: [String: [Data]] = [:]
    }

    private let state = Mutex(State())
    private let clock: ManualWallClock

    public init(clock: ManualWallClock) {
        self.clock = clock
    }

    /// Every path read, in order (reset with `forgetAccesses()`).
    public var reads: [String] { state.withLock { $0.reads } }
    /// Every path written, in order (reset with `forgetAccesses()`).
    public var writes: [String] { state.withLock { $0.writes } }

    public func forgetAccesses() { state.withLock { $0.reads = []; $0.writes = [] } }

    /// Keeps every version written to `path` from now on (see `versions(of:)`).
    public func watch(_ path: String) { state.withLock { $0.watched[path] = [] } }

    /// Every version of a watched file, in the order written.
    public func versions(of path: String) -> [Data] { state.withLock { $0.watched[path] ?? [] } }

    /// The text of a file, for assertions; nil when there is none.
    public func text(_ path: String) -> String? {
        state.withLock { $0.nodes[path]?.data }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes a file as a person would (not recorded among the build's writes).
    public func put(_ path: String, _ text: String) {
        state.withLock { s in
            Self.store(path, Data(text.utf8), in: &s, now: clock.nanosecondsSinceEpoch())
        }
    }

    // MARK: FileSystem

    public func stat(_ path: String) -> FileStat? {
        state.withLock { s in
            guard let node = s.nodes[path] else { return nil }
            return FileStat(size: Int64(node.data?.count ?? 0), mtime: node.mtime, inode: node.inode,
                            isDirectory: node.data == nil)
        }
    }

    public func isSymbolicLink(_ path: String) -> Bool { false }

    public func read(_ path: String) throws -> Data {
        try state.withLock { s in
            s.reads.append(path)
            guard let node = s.nodes[path] else {
                throw FileSystemError(path: path, operation: "read", reason: "No such file or directory")
            }
            guard let data = node.data else { throw FileSystemError(path: path, operation: "read", reason: "is a folder") }
            return data
        }
    }

    @discardableResult
    public func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat {
        let now = clock.nanosecondsSinceEpoch()
        return state.withLock { s in
            s.writes.append(path)
            if s.watched[path] != nil { s.watched[path]?.append(data) }
            let node = Self.store(path, data, in: &s, now: now)
            return FileStat(size: Int64(data.count), mtime: node.mtime, inode: node.inode, isDirectory: false)
        }
    }

    public func list(_ path: String) throws -> [String] {
        try state.withLock { s in
            guard let node = s.nodes[path], node.data == nil else {
                throw FileSystemError(path: path, operation: "list", reason: "No such directory")
            }
            let prefix = path == "/" ? "/" : path + "/"
            return s.nodes.keys.filter { $0.hasPrefix(prefix) && $0.count > prefix.count && !$0.dropFirst(prefix.count).contains("/") }
                .map { String($0.dropFirst(prefix.count)) }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
    }

    public func createDirectory(_ path: String) throws {
        let now = clock.nanosecondsSinceEpoch()
        state.withLock { s in Self.makeFolders(path, in: &s, now: now) }
    }

    public func remove(_ path: String) throws {
        let now = clock.nanosecondsSinceEpoch()
        state.withLock { s in
            guard s.nodes[path] != nil else { return }
            for key in s.nodes.keys where key == path || key.hasPrefix(path + "/") { s.nodes[key] = nil }
            Self.touchParent(of: path, in: &s, now: now)
        }
    }

    public func appender(_ path: String) throws -> any FileAppender {
        let now = clock.nanosecondsSinceEpoch()
        state.withLock { s in
            if s.nodes[path] == nil { Self.store(path, Data(), in: &s, now: now) }
        }
        return MemoryAppender(fileSystem: self, path: path)
    }

    /// Appends to a file (see `MemoryAppender`).
    fileprivate func append(_ data: [UInt8], to path: String) {
        let now = clock.nanosecondsSinceEpoch()
        state.withLock { s in
            s.writes.append(path)
            let old = s.nodes[path]?.data ?? Data()
            Self.store(path, old + data, in: &s, now: now)
        }
    }

    // MARK: Keeping the tree

    @discardableResult
    private static func store(_ path: String, _ data: Data, in s: inout State, now: Int64) -> Node {
        makeFolders(parent(of: path), in: &s, now: now)
        let isNew = s.nodes[path] == nil
        var node = s.nodes[path] ?? Node(data: data, mtime: now, inode: s.nextInode)
        if isNew { s.nextInode += 1 }
        node.data = data
        node.mtime = now
        s.nodes[path] = node
        if isNew { touchParent(of: path, in: &s, now: now) }
        return node
    }

    private static func makeFolders(_ path: String, in s: inout State, now: Int64) {
        guard !path.isEmpty, s.nodes[path] == nil else { return }
        makeFolders(parent(of: path), in: &s, now: now)
        s.nodes[path] = Node(data: nil, mtime: now, inode: s.nextInode)
        s.nextInode += 1
        touchParent(of: path, in: &s, now: now)
    }

    /// A folder's mtime changes when an entry is added or removed, as on a real disk.
    private static func touchParent(of path: String, in s: inout State, now: Int64) {
        let parent = parent(of: path)
        if s.nodes[parent] != nil { s.nodes[parent]?.mtime = now }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

private struct MemoryAppender: FileAppender {
    let fileSystem: InMemoryFileSystem
    let path: String

    func append(_ data: [UInt8]) throws { fileSystem.append(data, to: path) }
    func sync() throws {}
}
