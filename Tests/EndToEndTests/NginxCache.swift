import Foundation
import Synchronization
import Testing

/// nginx with its WebDAV module on a free loopback port: the remote cache the tests build
/// against (`PUT` creates files under `data/`, `GET` reads them, 404 is a miss). Started as
/// root its worker runs as `nobody`, so its folders are left writable by anyone.
final class NginxCache: @unchecked Sendable {  // `process` is set once, in init
    let folder: URL
    let port: Int
    private let process = Process()

    var url: String { "http://127.0.0.1:\(port)/cache" }
    var accessLog: String { folder.appendingPathComponent("access.log").path }

    /// - Parameter bytesPerSecond: a limit on each response's rate (`limit_rate`), for a
    ///   cache slow enough that a test can stop it in the middle of a build.
    init(bytesPerSecond: Int? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nginx-\(UUID().uuidString)")
        for sub in ["data", "body", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.appendingPathComponent(sub).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        port = try NginxCache.freePort()
        let dir = folder.path
        let config = """
            worker_processes 1;
            daemon off;
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log;
            events { worker_connections 256; }
            http {
                access_log \(dir)/access.log;
                client_body_temp_path \(dir)/body;
                proxy_temp_path \(dir)/proxy;
                fastcgi_temp_path \(dir)/fastcgi;
                uwsgi_temp_path \(dir)/uwsgi;
                scgi_temp_path \(dir)/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    root \(dir)/data;
                    client_max_body_size 512m;
                    location /cache/ {
                        dav_methods PUT;
                        create_full_put_path on;
                        dav_access user:rw group:rw all:rw;
                        \(bytesPerSecond.map { "limit_rate \($0);" } ?? "")
                    }
                }
            }
            """
        try Data(config.utf8).write(to: folder.appendingPathComponent("nginx.conf"))
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", dir, "-e", dir + "/error.log", "-c", dir + "/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if NginxCache.answers(port: port) { return }
            Thread.sleep(forTimeInterval: 0.025)
        }
        stop()
        let log = (try? String(contentsOfFile: dir + "/error.log", encoding: .utf8)) ?? ""
        throw TestFailure("nginx did not start within 5 s: \(log)")
    }

    deinit { stop() }

    /// Stops nginx at once (its worker, then the master), as a cache machine that goes
    /// away, and waits until its port no longer answers. (Not `waitUntilExit`, which
    /// never returns for a master killed this way.) The master is paused first: a running
    /// master starts a new worker as soon as its worker dies, which outlived it.
    func stop() {
        let master = process.processIdentifier
        guard master > 0, stopped.withLock({ s in defer { s = true }; return !s }) else { return }
        kill(master, SIGSTOP)
        let pkill = Process()
        pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        pkill.arguments = ["-KILL", "-P", "\(master)"]
        try? pkill.run()
        pkill.waitUntilExit()
        kill(master, SIGKILL)
        for _ in 0..<200 where NginxCache.answers(port: port) { Thread.sleep(forTimeInterval: 0.01) }
    }

    private let stopped = Mutex(false)

    /// The requests nginx logged, as "METHOD path status".
    func requests() -> [String] {
        let text = (try? String(contentsOfFile: accessLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let start = line.firstIndex(of: "\""), let end = line[line.index(after: start)...].firstIndex(of: "\"") else { return nil }
            let request = line[line.index(after: start)..<end].split(separator: " ")
            let status = line[line.index(after: end)...].split(separator: " ").first ?? ""
            return request.count >= 2 ? "\(request[0]) \(request[1]) \(status)" : nil
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func answers(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
