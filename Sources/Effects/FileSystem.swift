import Foundation

/// The file system, behind one small interface, so the engine and the pipeline can be
/// driven by tests and so every touch of the disk is in one place.
///
/// Paths are plain strings, absolute or relative to the process's working directory.
/// Implementations are safe to call from many tasks at once.
public protocol FileSystem: Sendable {
    /// The file's stat, or nil when nothing exists at `path` (symbolic links are followed).
    func stat(_ path: String) -> FileStat?
    /// True when `path` itself is a symbolic link (whatever it points to), which readers of
    /// untrusted folders never follow.
    func isSymbolicLink(_ path: String) -> Bool
    /// The whole file. Throws `FileSystemError` when it cannot be read.
    func read(_ path: String) throws -> Data
    /// Replaces the file. With `durable`, atomically and durably: the bytes go to a
    /// temporary file, are flushed (fsync) and renamed over the old one, so a reader or a
    /// crash sees the old bytes or the new, never a mix. Without, the file is rewritten in
    /// place, which is half the metadata work: for outputs the build can always remake
    /// (a crash before the trace records them means they are rebuilt).
    /// Missing parent folders are created. Returns the file's stat after writing.
    @discardableResult
    func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat
    /// The names in a folder, sorted bytewise, without `.` and `..`.
    func list(_ path: String) throws -> [String]
    /// Creates the folder and its parents; succeeds when it already exists.
    func createDirectory(_ path: String) throws
    /// Removes a file or a whole folder; succeeds when nothing is there.
    func remove(_ path: String) throws
    /// The file opened for appending (created, with its parent folders, when missing):
    /// for logs that grow a record at a time, as a journal does.
    func appender(_ path: String) throws -> any FileAppender
    /// Replaces the file, atomically and durably (as `write` with `durable`), with the
    /// bytes `produce` hands to `emit`, a chunk at a time: a file of tens of megabytes is
    /// never whole in memory. Returns the file's stat after writing.
    @discardableResult
    func writeChunks(_ path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws -> FileStat
    /// The file opened for reading parts of it by offset (`pread`).
    func reader(_ path: String) throws -> any FileReader
    /// Replaces the file atomically but without flushing it (a temporary file renamed over
    /// it, no fsync): a killed process leaves the old bytes or the new, never a mix, at
    /// about the cost of writing in place; after a power loss the file may be empty.
    /// For what the build can make again but another process may read meanwhile.
    @discardableResult
    func writeAtomically(_ path: String, _ data: Data) throws -> FileStat
    /// The whole file, mapped into memory rather than copied (`mmap`): for large files
    /// that are only ever replaced by a rename, never rewritten in place while a reader
    /// holds them (truncating a mapped file kills its reader with SIGBUS).
    func readMapped(_ path: String) throws -> Data
}

extension FileSystem {
    /// Gathers the chunks and writes them at once: for file systems in memory.
    public func writeChunks(_ path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws -> FileStat {
        var whole = Data()
        try produce { whole.append(contentsOf: $0) }
        return try write(path, whole, durable: true)
    }

    /// As a durable write: for file systems in memory, where every write is atomic.
    public func writeAtomically(_ path: String, _ data: Data) throws -> FileStat {
        try write(path, data, durable: true)
    }

    /// A plain read: for file systems in memory.
    public func readMapped(_ path: String) throws -> Data {
        try read(path)
    }

    /// Reads the whole file once: for file systems in memory.
    public func reader(_ path: String) throws -> any FileReader {
        WholeFileReader(bytes: try read(path))
    }
}

/// A file open for reading at offsets.
public protocol FileReader: Sendable {
    /// `count` bytes from `offset`; fewer at the end of the file.
    func read(offset: Int, count: Int) throws -> [UInt8]
}

/// A file's bytes, read once, served by offset.
struct WholeFileReader: FileReader {
    let bytes: Data

    func read(offset: Int, count: Int) throws -> [UInt8] {
        guard offset < bytes.count else { return [] }
        let start = bytes.startIndex + offset
        return [UInt8](bytes[start..<min(start + count, bytes.endIndex)])
    }
}

/// A file open for appending. Each `append` is one `write(2)`: once it returns, a killed
/// process loses nothing of it; `sync` makes it survive a power cut too.
public protocol FileAppender: Sendable {
    func append(_ data: [UInt8]) throws
    func sync() throws
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
