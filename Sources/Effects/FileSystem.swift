import Foundation

/// The file system, behind one small interface, so the engine and the pipeline can be
/// driven by tests and so every touch of the disk is in one place.
///
/// Paths are plain strings, absolute or relative to the process's working directory.
/// Implementations are safe to call from many tasks at once.
public protocol FileSystem: Sendable {
    /// The file's stat, or nil when nothing exists at `path`.
    func stat(_ path: String) -> FileStat?
    /// The whole file. Throws `FileSystemError` when it cannot be read.
    func read(_ path: String) throws -> Data
    /// Replaces the file atomically: a reader sees the old bytes or the new, never a mix.
    /// With `durable`, the bytes are on disk (fsync) before the rename makes them visible.
    /// Missing parent folders are created.
    func write(_ path: String, _ data: Data, durable: Bool) throws
    /// The names in a folder, sorted bytewise, without `.` and `..`.
    func list(_ path: String) throws -> [String]
    /// Creates the folder and its parents; succeeds when it already exists.
    func createDirectory(_ path: String) throws
    /// Removes a file or a whole folder; succeeds when nothing is there.
    func remove(_ path: String) throws
}

/// A failed file-system call, with the path and the system's reason.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
