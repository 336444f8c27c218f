import Foundation

/// A fixture web site (`site_server.py`) on a free loopback port, for one test.
final class SiteServer {
    let process = Process()
    let port: Int
    static let script = TestProject.packageRoot.appendingPathComponent("Tests/EndToEndTests/site_server.py").path

    /// Serves the fixture folder `Tests/Fixtures/<fixture>`.
    init(fixture: String) throws {
        let root = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/" + fixture).path
        port = try LoopbackHTTP.startServer(process, script: SiteServer.script, arguments: ["--root", root])
    }

    deinit { kill(process.processIdentifier, SIGKILL) }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// One request the server received.
    struct Request {
        var time: Double
        var path: String
        var status: Int
        var conditional: Bool
        var acceptEncoding: String
        var userAgent: String
    }

    /// Every request so far, in order.
    func log() throws -> [Request] {
        let body = try LoopbackHTTP.request(port: port, "/_log")
        let list = try JSONSerialization.jsonObject(with: body) as? [[String: Any]] ?? []
        return list.map {
            Request(time: $0["time"] as? Double ?? 0, path: $0["path"] as? String ?? "", status: $0["status"] as? Int ?? 0,
                    conditional: $0["conditional"] as? Bool ?? false, acceptEncoding: $0["accept_encoding"] as? String ?? "",
                    userAgent: $0["user_agent"] as? String ?? "")
        }
    }

    func clearLog() throws {
        _ = try LoopbackHTTP.request(port: port, "/_control", body: Data(#"{"clear_log": true}"#.utf8))
    }

    /// Changes a served file: `old` replaced by `new` (a new ETag).
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let command = ["edit": ["path": path, "old": old, "new": new]]
        _ = try LoopbackHTTP.request(port: port, "/_control", body: try JSONSerialization.data(withJSONObject: command))
    }
}
