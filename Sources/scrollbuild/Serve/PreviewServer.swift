import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The HTTP side of `scrollbuild serve`, on 127.0.0.1 only: the site folder's files as
/// `all` writes them, except that an HTML page gets a small script before `</body>` that
/// listens on `/_scrollbuild/events` (server-sent events) and reloads the page after a
/// rebuild, or shows the rebuild's errors over it.
final class PreviewServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let site: String
    private let clients = Mutex<[Int32]>([])

    init(site: String, port requested: Int) throws {
        self.site = site
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandFailure("cannot open a socket (errno \(errno))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(requested).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw CommandFailure("cannot listen on 127.0.0.1:\(requested): \(reason); try another --port")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// Accepts connections on a thread of its own, each served on another.
    func start() {
        let thread = Thread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { if errno == EINTR { continue } else { return } }
                Thread.detachNewThread { [self] in serve(connection) }
            }
        }
        thread.name = "scrollbuild-serve"
        thread.start()
    }

    /// Tells every open page: `reload`, or `errors` with the text to show.
    func broadcast(event: String, data: String) {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        let message = Data("event: \(event)\n\(lines)\n\n".utf8)
        clients.withLock { clients in
            clients.removeAll { client in
                let sent = message.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent < 0 { close(client); return true }
                return false
            }
        }
    }

    private func serve(_ connection: Int32) {
        var request = Data()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while request.range(of: Data("\r\n\r\n".utf8)) == nil, request.count < 65536 {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { close(connection); return }
            request.append(contentsOf: buffer[0..<count])
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2, line[0] == "GET" || line[0] == "HEAD" else {
            respond(connection, status: "405 Method Not Allowed", type: "text/plain", body: Data("GET only\n".utf8))
            return
        }
        let path = String(line[1].split(separator: "?").first ?? "/")
        if path == "/_scrollbuild/events" {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n"
            _ = head.withCString { send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            clients.withLock { $0.append(connection) }
            return  // kept open; `broadcast` writes to it
        }
        guard let file = PreviewServer.file(for: path, in: site), var body = FileManager.default.contents(atPath: file) else {
            let notFound = FileManager.default.contents(atPath: site + "/404.html") ?? Data("not found\n".utf8)
            respond(connection, status: "404 Not Found", type: "text/html; charset=utf-8", body: PreviewServer.withReload(notFound))
            return
        }
        let type = PreviewServer.contentType(file)
        if type.hasPrefix("text/html") { body = PreviewServer.withReload(body) }
        respond(connection, status: "200 OK", type: type, body: line[0] == "HEAD" ? Data() : body)
    }

    private func respond(_ connection: Int32, status: String, type: String, body: Data) {
        var message = Data("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".utf8)
        message.append(body)
        _ = message.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(connection)
    }

    /// The file a URL path names inside the site (`/` and folders: their index.html);
    /// nil for a path that would leave it.
    static func file(for path: String, in site: String) -> String? {
        let decoded = path.removingPercentEncoding ?? path
        var parts: [Substring] = []
        for part in decoded.split(separator: "/") where part != "." {
            if part == ".." { return nil }
            parts.append(part)
        }
        var file = site + (parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue { file += "/index.html" }
        return FileManager.default.fileExists(atPath: file) ? file : nil
    }

    static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "xml": "application/xml"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// The reload script, before `</body>` (or at the end).
    static func withReload(_ page: Data) -> Data {
        let script = Data(reloadScript.utf8)
        guard let end = page.range(of: Data("</body>".utf8), options: .backwards) else { return page + script }
        var result = page
        result.replaceSubrange(end.lowerBound..<end.lowerBound, with: script)
        return result
    }

    static let reloadScript = """
        <script data-scrollbuild-serve>(function(){var s=new EventSource("/_scrollbuild/events");\
        s.addEventListener("reload",function(){location.reload()});\
        s.addEventListener("errors",function(e){var d=document.getElementById("scrollbuild-errors")||document.createElement("pre");\
        d.id="scrollbuild-errors";d.setAttribute("role","alert");\
        d.style.cssText="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#300;color:#fdd;z-index:9999;white-space:pre-wrap";\
        d.textContent=e.data;document.body.appendChild(d)})})();</script>
        """
}
