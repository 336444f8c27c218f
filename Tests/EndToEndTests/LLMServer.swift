import Store
import Foundation
import Testing

/// The OpenAI-compatible test server (`llm_server.py`), started on a free loopback port
/// for one test and stopped when the test drops it.
final class LLMServer {
    let process = Process()
    let port: Int
    static let script = TestProject.packageRoot.appendingPathComponent("Tests/EndToEndTests/llm_server.py").path

    init() throws {
        // The server writes its port to a file: no pipe to read from a test thread.
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("llm-port-\(UUID().uuidString)").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", LLMServer.script, "--port-file", portFile]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port: Int?
        for _ in 0..<200 where port == nil {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n") {
                port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                usleep(25_000)
            }
        }
        try? FileManager.default.removeItem(atPath: portFile)
        guard let port else { throw TestFailure("the test server did not start within 5 s") }
        self.port = port
    }

    deinit { kill(process.processIdentifier, SIGKILL) }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Sets how the server behaves (see llm_server.py).
    func control(_ fields: [String: Any]) async throws {
        _ = try await request("/_control", body: try JSONSerialization.data(withJSONObject: fields))
    }

    /// What the server has received.
    /// What the server has received; `brief` leaves out the requests' messages.
    func stats(brief: Bool = false) async throws -> Stats {
        let body = try await request(brief ? "/_stats?brief=1" : "/_stats")
        return Stats(object: try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:])
    }

    /// One HTTP/1.0 exchange with the server over a plain socket: the response body.
    private func request(_ path: String, body: Data? = nil) async throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)  // never hang a test on a silent server
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("cannot connect to the test server") }
        var message = Data("\(body == nil ? "GET" : "POST") \(path) HTTP/1.0\r\nContent-Length: \(body?.count ?? 0)\r\n\r\n".utf8)
        message.append(body ?? Data())
        _ = message.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw TestFailure("no HTTP response") }
        return response[split.upperBound...]
    }

    struct Stats {
        var object: [String: Any]
        var chatRequests: Int { object["chat_requests"] as? Int ?? -1 }
        var refused: Int { object["refused"] as? Int ?? -1 }
        var batchLines: Int { object["batch_lines"] as? Int ?? -1 }
        var requests: [[String: Any]] { object["requests"] as? [[String: Any]] ?? [] }
        func steps() -> [String] { requests.map { $0["step"] as? String ?? "" } }
        /// The messages of request `n` (from 0), as one text.
        func messages(_ n: Int) -> String {
            let list = requests[n]["messages"] as? [[String: Any]] ?? []
            return list.map { $0["content"] as? String ?? "" }.joined(separator: "\n")
        }
    }

    /// The fingerprint the server records for a key.
    static func fingerprint(_ key: String) -> String {
        ContentHash(ofString: key).short
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestProject {
    /// Points the project's LLM steps at `server` through scrollbuild.yml, with fast
    /// retries so failure tests stay quick. `extra` is appended under `llm:`.
    func useServer(_ server: LLMServer, extra: String = "") throws {
        let settings = try read("scrollbuild.yml")
        try write("scrollbuild.yml", settings + """

            llm:
              provider: openai
              base_url: \(server.baseURL)
              model: test-model
              attempts: 3
              backoff_ms: 20
              max_backoff_ms: 200
              prices:
                test-model: {input: 1.0, output: 2.0}
            \(extra)
            """)
    }
}
