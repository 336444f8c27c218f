import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13: `serve` builds, serves the site on 127.0.0.1, rebuilds when a file changes
/// and tells open pages to reload (or shows a failed rebuild's errors).
@Suite struct ServeTests {
    @Test func anEditedChapterIsServedWithin2SecondsAndOpenPagesAreToldToReload() throws {
        let project = try TestProject.sample()
        let serve = project.start(["serve", "--port", "0"])
        defer { kill(serve.pid, SIGKILL); _ = try? serve.wait() }
        let port = try #require(try Self.port(of: serve, within: 30))

        let page = "/git-foundations/commits.html"
        let first = try Self.get(port, page)
        #expect(first.status == 200)
        // The same bytes `all` writes, with the reload script before </body>.
        let onDisk = try project.read("build/site" + page)
        #expect(first.body.contains("<script data-scrollbuild-serve>"))
        let withoutScript = first.body.replacingOccurrences(
            of: #"<script data-scrollbuild-serve>.*?</script>"#, with: "", options: .regularExpression)
        #expect(withoutScript == onDisk)
        #expect(try Self.get(port, "/../../etc/passwd").status == 404)

        let events = try EventStream(port: port, path: "/_scrollbuild/events")
        try project.edit("content/git-foundations/commits.md", replacing: "# ", with: "# SERVE-EDIT ")
        let edited = Date()
        var served = false
        while Date().timeIntervalSince(edited) < 2, !served {
            served = try Self.get(port, page).body.contains("SERVE-EDIT")
            if !served { usleep(50_000) }
        }
        #expect(served, "the edit was not served within 2 s")
        #expect(events.wait(for: "event: reload", seconds: 2), "\(events.received)")

        // A rebuild that fails shows its errors over the open pages.
        try project.edit("catalog/git-foundations.md", replacing: "level: beginner", with: "level: expert")
        #expect(events.wait(for: "event: errors", seconds: 5), "\(events.received)")
        #expect(events.received.contains("catalog/git-foundations.md:5:8: error:"), "\(events.received)")
    }

    /// The port `serve` printed, once it did.
    static func port(of command: RunningCommand, within seconds: Double) throws -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOf: command.outputFile, encoding: .utf8),
               let found = text.range(of: #"127\.0\.0\.1:\d+"#, options: .regularExpression) {
                return Int(text[found].split(separator: ":").last ?? "")
            }
            usleep(50_000)
        }
        return nil
    }

    static func connect(_ port: Int) throws -> Int32 {
        try LoopbackHTTP.connect(port: port, timeoutSeconds: 5)
    }

    /// One GET: the status and the body.
    static func get(_ port: Int, _ path: String) throws -> (status: Int, body: String) {
        let fd = try connect(port)
        defer { close(fd) }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("no HTTP response") }
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(text[split.upperBound...]))
    }

    /// A server-sent event stream read on a thread of its own.
    final class EventStream: @unchecked Sendable {
        private let fd: Int32
        private let lock = NSLock()
        private var text = ""

        init(port: Int, path: String) throws {
            fd = try ServeTests.connect(port)
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), 0) }
            Thread.detachNewThread { [self] in
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { return }
                    if n > 0 { lock.withLock { text += String(decoding: buffer[0..<n], as: UTF8.self) } }
                }
            }
        }

        deinit { close(fd) }

        var received: String { lock.withLock { text } }

        func wait(for needle: String, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if received.contains(needle) { return true }
                usleep(20_000)
            }
            return false
        }
    }
}
