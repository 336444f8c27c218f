import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk, through POSIX calls: `stat(2)` for the stat cache, and
/// temporary-file-then-`rename(2)` for atomic writes.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func stat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard posixStat(path, &st) == 0 else { return nil }
        return LocalFileSystem.fileStat(st)
    }

    public func isSymbolicLink(_ path: String) -> Bool {
        var st = Glibc.stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    private static func fileStat(_ st: Glibc.stat) -> FileStat {
        FileStat(size: Int64(st.st_size),
                 mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                 inode: UInt64(st.st_ino),
                 isDirectory: (st.st_mode & S_IFMT) == S_IFDIR)
    }

    public func read(_ path: String) throws -> Data {
        let (fd, st) = try openRegularFile(path)
        defer { close(fd) }
        return try contents(of: fd, size: Int(st.st_size), path: path)
    }

    public func readMapped(_ path: String) throws -> Data {
        let (fd, st) = try openRegularFile(path)
        defer { close(fd) }
        let count = Int(st.st_size)
        // MAP_POPULATE: the pages are in the page cache already; map them in one call
        // instead of a fault per page. Small files are read as `read` reads them.
        guard count >= 1 << 20, let base = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0),
              base != MAP_FAILED else { return try contents(of: fd, size: count, path: path) }
        return Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, size in
            munmap(pointer, size)
        })
    }

    /// The file opened for reading, with its stat; anything but a regular file is refused.
    private func openRegularFile(_ path: String) throws -> (Int32, Glibc.stat) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw failure(path, "read") }
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else {
            let error = failure(path, "read")
            close(fd)
            throw error
        }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            throw FileSystemError(path: path, operation: "read", reason: kind == S_IFDIR
                                  ? "is a folder" : "is not a regular file (a pipe, socket or device)")
        }
        return (fd, st)
    }

    /// The bytes of an open file whose stat said `size` (more, if it grew since).
    private func contents(of fd: Int32, size: Int, path: String) throws -> Data {
        var data = Data(count: size)
        var filled = 0
        let ok: Bool = data.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            while filled < buffer.count {
                let n = Glibc.read(fd, base + filled, buffer.count - filled)
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { break }
                filled += n
            }
            return true
        }
        guard ok else { throw failure(path, "read") }
        if filled < data.count { data.removeSubrange(filled...) }
        // A file that grew after fstat: read the rest.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n < 0 { if errno == EINTR { continue }; throw failure(path, "read") }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    @discardableResult
    public func write(_ path: String, _ data: Data, durable: Bool) throws -> FileStat {
        try replace(path, data, renamed: durable, synced: durable)
    }

    public func writeAtomically(_ path: String, _ data: Data) throws -> FileStat {
        try replace(path, data, renamed: true, synced: false)
    }

    /// Writes `data` to `path`, in place or through a temporary file `renamed` over it,
    /// `synced` (fsync) before the rename or not.
    private func replace(_ path: String, _ data: Data, renamed: Bool, synced: Bool) throws -> FileStat {
        let temporary = renamed ? LocalFileSystem.temporary(for: path) : path
        let fd = try create(temporary, for: path)
        let written = data.withUnsafeBytes { writeAll(fd, $0) }
        let flushed = !synced || fsync(fd) == 0
        var st = Glibc.stat()
        let statted = fstat(fd, &st) == 0
        let error = errno
        close(fd)
        guard written, flushed, statted, !renamed || rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno == 0 ? error : errno))
            unlink(temporary)
            throw FileSystemError(path: path, operation: "write", reason: reason)
        }
        return LocalFileSystem.fileStat(st)
    }

    public func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw failure(path, "list") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func createDirectory(_ path: String) throws {
        if path.isEmpty || path == "." || path == "/" { return }
        if mkdir(path, 0o755) == 0 { return }
        switch errno {
        case EEXIST: return
        case ENOENT:
            try createDirectory(parent(of: path))
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            throw failure(path, "create folder")
        default: throw failure(path, "create folder")
        }
    }

    public func remove(_ path: String) throws {
        guard let st = stat(path) else { return }
        if st.isDirectory {
            for name in try list(path) { try remove(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else { throw failure(path, "remove") }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, "remove") }
        }
    }

    public func appender(_ path: String) throws -> any FileAppender {
        var fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try createDirectory(parent(of: path))
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw failure(path, "open for appending") }
        return Appender(fd: fd, path: path)
    }

    @discardableResult
    public func writeChunks(_ path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws -> FileStat {
        let temporary = LocalFileSystem.temporary(for: path)
        let fd = try create(temporary, for: path)
        defer { close(fd) }
        do {
            try produce { chunk in
                guard chunk.withUnsafeBytes({ writeAll(fd, $0) }) else { throw failure(path, "write") }
            }
            var st = Glibc.stat()
            guard fsync(fd) == 0, fstat(fd, &st) == 0, rename(temporary, path) == 0 else { throw failure(path, "write") }
            return LocalFileSystem.fileStat(st)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    public func reader(_ path: String) throws -> any FileReader {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "open") }
        return Reader(fd: fd, path: path)
    }

    /// A durable write's temporary file beside `path` (`KilledBuildSweep` finds the name).
    private static func temporary(for path: String) -> String {
        path + ".tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    }

    /// `file` created (or truncated) for writing `path`, whose missing folders are made.
    private func create(_ file: String, for path: String) throws -> Int32 {
        var fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try createDirectory(parent(of: path))
            fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw failure(path, "write") }
        return fd
    }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private func failure(_ path: String, _ operation: String) -> FileSystemError {
        FileSystemError(path: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}

/// A file descriptor opened with O_APPEND, closed when the last reference goes.
private final class Appender: FileAppender {
    let fd: Int32
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func append(_ data: [UInt8]) throws {
        guard data.withUnsafeBytes({ writeAll(fd, $0) }) else {
            throw FileSystemError(path: path, operation: "append to", reason: String(cString: strerror(errno)))
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else {
            throw FileSystemError(path: path, operation: "sync", reason: String(cString: strerror(errno)))
        }
    }
}

/// A file descriptor opened for reading, read with `pread`, closed when the last reference goes.
private final class Reader: FileReader {
    let fd: Int32
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func read(offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, operation: "read", reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        bytes.removeLast(count - done)
        return bytes
    }
}

/// Writes all of `buffer` to `fd`, going on after a short write or EINTR; false on an
/// error (in `errno`).
private func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    var offset = 0
    while offset < buffer.count {
        let n = Glibc.write(fd, base + offset, buffer.count - offset)
        if n < 0 { if errno == EINTR { continue }; return false }
        offset += n
    }
    return true
}

/// `stat(2)`, under a name that the `stat` method above does not shadow.
private func posixStat(_ path: String, _ buffer: inout Glibc.stat) -> Int32 {
    stat(path, &buffer)
}
