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
        port = try LoopbackHTTP.startServer(process, script: LLMServer.script, arguments: [])
    }

    deinit { kill(process.processIdentifier, SIGKILL) }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Sets how the server behaves (see llm_server.py).
    func control(_ fields: [String: Any]) async throws {
        _ = try await request("/_control", body: try JSONSerialization.data(withJSONObject: fields))
    }

    /// What the server has received; `brief` leaves out the requests' messages.
    func stats(brief: Bool = false) async throws -> Stats {
        let body = try await request(brief ? "/_stats?brief=1" : "/_stats")
        return Stats(object: try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:])
    }

    private func request(_ path: String, body: Data? = nil) async throws -> Data {
        try LoopbackHTTP.request(port: port, path, body: body)
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
