import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a project's folders with inotify (every folder but the build folder and
/// `.git`, and new folders as they appear) and calls `changed` once per burst of changes,
/// after `quiet` without another.
final class ProjectWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let root: String
    private let skipped: Set<String>
    private var folders: [Int32: String] = [:]

    /// - Parameter skipped: absolute paths of folders not to watch (the build folder).
    init(root: String, skipping skipped: [String]) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw CommandFailure("cannot watch the project: inotify_init1 failed (errno \(errno))") }
        self.root = (root as NSString).standardizingPath
        self.skipped = Set(skipped.map { ($0 as NSString).standardizingPath })
        watchTree(self.root)
    }

    deinit { close(descriptor) }

    static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB)

    private func watchTree(_ folder: String) {
        guard !skipped.contains(folder), !folder.hasSuffix("/.git") else { return }
        let watch = inotify_add_watch(descriptor, folder, ProjectWatcher.mask)
        if watch >= 0 { folders[watch] = folder }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            var isFolder: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { watchTree(path) }
        }
    }

    /// Blocks the calling thread, calling `changed` with the changed paths after each burst.
    func run(quiet: Duration = .milliseconds(100), changed: ([String]) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [String] = []
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let timeout = pending.isEmpty ? -1 : Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000)
            let ready = poll(&poller, 1, timeout)
            if ready == 0 {
                changed(pending)
                pending.removeAll()
                continue
            }
            guard ready > 0 else { if errno == EINTR { continue } else { return } }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return }
            var offset = 0
            while offset < count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<nameStart + Int(event.len)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if let folder = folders[event.wd] {
                    let path = name.isEmpty ? folder : folder + "/" + name
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(path) }
                    if !skipped.contains(where: { path.hasPrefix($0) }) { pending.append(path) }
                }
                offset = nameStart + Int(event.len)
            }
        }
    }
}
