import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build per build folder at a time: an exclusive `flock(2)` on `<build>/.scrollbuild/lock`.
///
/// The kernel drops the lock when the holder exits, even on `kill -9`, so a stale lock
/// file never blocks a later build. The holder's pid is written into the file so the
/// second build can name it.
public final class BuildLock: Sendable {
    private let fd: Int32

    /// Why a lock could not be taken.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Another process holds it; `pid` is what that process wrote, when readable.
        case held(path: String, pid: Int32?)
        case unavailable(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let path, let pid):
                let holder = pid.map { "process \($0)" } ?? "another process"
                return "another scrollbuild (\(holder)) is building into this folder (lock \(path)); "
                    + "wait for it to finish, or stop it"
            case .unavailable(let path, let reason):
                return "cannot take the build lock \(path): \(reason)"
            }
        }
    }

    /// Takes the lock at once or throws `Failure.held`; never waits.
    public init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Failure.unavailable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
            throw Failure.held(path: path, pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        self.fd = fd
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
