import Effects
import Foundation
import Store

/// A submitted batch, as `<build>/.scrollbuild/batch.json` records it.
public struct BatchRecord: Sendable, Codable, Equatable {
    public var id: String
    public var baseURL: String
    public var requests: Int
    /// Seconds since 1970.
    public var submitted: Double
    /// The environment variable whose keys submitted it (and so may read it).
    public var keyVariable: String?
}

/// The OpenAI Batch API: upload the requests as JSONL (`POST /files`, purpose `batch`),
/// start a job (`POST /batches`), poll it (`GET /batches/{id}`) and read its output file
/// (`GET /files/{id}/content`).
public struct BatchJobs: Sendable {
    let transport: any HTTPTransport
    let keys: APIKeys
    let stateDir: String
    let fileSystem: any FileSystem

    public init(transport: any HTTPTransport, keys: APIKeys, stateDir: String, fileSystem: any FileSystem) {
        self.transport = transport
        self.keys = keys
        self.stateDir = stateDir
        self.fileSystem = fileSystem
    }

    var recordPath: String { stateDir + "/batch.json" }

    /// The batch a previous run submitted, if one is outstanding.
    public func outstanding() -> BatchRecord? {
        (try? fileSystem.read(recordPath)).flatMap { try? JSONDecoder().decode(BatchRecord.self, from: $0) }
    }

    /// What became of an outstanding batch.
    public enum Poll: Sendable {
        /// Not finished; its status (`validating`, `in_progress`, `finalizing`).
        case waiting(String)
        /// Finished: the replies by request hash, and the hashes whose lines failed.
        case done(replies: [ContentHash: ProviderReply], failures: Set<ContentHash>)
        /// Failed, expired or cancelled as a whole: every call goes out again.
        case lost(String)
    }

    public func poll(_ record: BatchRecord) async throws -> Poll {
        let keys = self.keys.ring(record.keyVariable)
        let job = try await json(keys, HTTPRequest(method: "GET", url: OpenAIProvider.url(record.baseURL, "batches/" + record.id),
                                             headers: OpenAIProvider.headers(key: keys.key())))
        let status = job["status"]?.string ?? "unknown"
        switch status {
        case "completed":
            var replies: [ContentHash: ProviderReply] = [:]
            var failures = Set<ContentHash>()
            for field in ["output_file_id", "error_file_id"] {
                guard let file = job[field]?.string, !file.isEmpty else { continue }
                let content = try await fetch(keys, HTTPRequest(method: "GET", url: OpenAIProvider.url(record.baseURL, "files/\(file)/content"),
                                                          headers: OpenAIProvider.headers(key: keys.key())))
                for line in String(decoding: content, as: UTF8.self).split(separator: "\n") {
                    guard let entry = try? JSONValue(parsing: String(line)), let id = entry["custom_id"]?.string,
                          let hash = ContentHash(hex: id) else { continue }
                    let body = entry["response"]?["body"]
                    if entry["response"]?["status_code"]?.int == 200, let body,
                       let reply = try? OpenAIProvider.reply(from: HTTPResponse(status: 200, headers: [:], body: body.canonical)) {
                        replies[hash] = reply
                    } else {
                        failures.insert(hash)
                    }
                }
            }
            return .done(replies: replies, failures: failures)
        case "failed", "expired", "cancelled", "cancelling":
            return .lost(status)
        default:
            return .waiting(status)
        }
    }

    /// Forgets the outstanding batch (its results are in hand, or it is lost).
    public func clear() throws {
        if fileSystem.stat(recordPath) != nil { try fileSystem.remove(recordPath) }
    }

    /// Uploads `pending` as one job and records it; returns the record.
    public func submit(_ pending: [BatchSession.Pending], now: Date) async throws -> BatchRecord {
        guard let baseURL = pending.first?.baseURL else { throw ProviderError.malformed("nothing to submit") }
        let keyVariable = pending.first?.keyVariable
        let keys = self.keys.ring(keyVariable)
        let lines = pending.map { call -> String in
            let line: JSONValue = ["custom_id": .string(call.hash.hex), "method": "POST",
                                   "url": "/v1/chat/completions", "body": call.body]
            return line.canonicalText
        }
        let boundary = "scrollbuild-\(ContentHash(ofString: lines.joined()).short)"
        var form = Data()
        form.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n".utf8))
        form.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"requests.jsonl\"\r\n".utf8))
        form.append(Data("Content-Type: application/jsonl\r\n\r\n".utf8))
        form.append(Data((lines.joined(separator: "\n") + "\n").utf8))
        form.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = OpenAIProvider.headers(key: keys.key()).filter { $0.0 != "Content-Type" }
        headers.append(("Content-Type", "multipart/form-data; boundary=\(boundary)"))
        let file = try await json(keys, HTTPRequest(method: "POST", url: OpenAIProvider.url(baseURL, "files"), headers: headers, body: form))
        guard let fileID = file["id"]?.string else { throw ProviderError.malformed("the file upload returned no id") }
        let create: JSONValue = ["input_file_id": .string(fileID), "endpoint": "/v1/chat/completions", "completion_window": "24h"]
        let job = try await json(keys, HTTPRequest(method: "POST", url: OpenAIProvider.url(baseURL, "batches"),
                                             headers: OpenAIProvider.headers(key: keys.key()), body: create.canonical))
        guard let id = job["id"]?.string else { throw ProviderError.malformed("the batch was created with no id") }
        let record = BatchRecord(id: id, baseURL: baseURL, requests: pending.count, submitted: now.timeIntervalSince1970,
                                 keyVariable: keyVariable)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        _ = try fileSystem.write(recordPath, try encoder.encode(record), durable: true)
        return record
    }

    private func fetch(_ keys: KeyRing, _ request: HTTPRequest) async throws -> Data {
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch {
            throw ProviderError.connection(keys.redact("\(error)"))
        }
        try OpenAIProvider.check(response, now: Date())
        return response.body
    }

    private func json(_ keys: KeyRing, _ request: HTTPRequest) async throws -> JSONValue {
        let body = try await fetch(keys, request)
        do { return try JSONValue(parsing: body) } catch { throw ProviderError.malformed("\(error)") }
    }
}
