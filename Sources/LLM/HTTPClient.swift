import CCurl
import Foundation
import Synchronization

/// One HTTP exchange, as the providers need it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?
    public var connectTimeout: Duration
    public var totalTimeout: Duration
    /// The most body bytes taken: a longer response is cut off as it arrives and fails
    /// with `HTTPFailure.tooLarge` (nil: no limit).
    public var maxResponseBytes: Int?
    /// Ask for a compressed body (gzip, deflate, what libcurl decodes) and hand it back
    /// decoded; `maxResponseBytes` then limits the decoded bytes.
    public var compressed: Bool
    /// Follow up to 5 redirects; the response is the last one's.
    public var followRedirects: Bool

    public init(method: String, url: String, headers: [(String, String)] = [], body: Data? = nil,
                connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(120),
                maxResponseBytes: Int? = nil, compressed: Bool = false, followRedirects: Bool = false) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxResponseBytes = maxResponseBytes
        self.compressed = compressed
        self.followRedirects = followRedirects
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case; the last value wins.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an exchange produced no response.
public enum HTTPFailure: Error, Sendable, CustomStringConvertible {
    case timeout(String)
    case connection(String)
    /// The body passed `maxResponseBytes` (the limit) and was cut off.
    case tooLarge(Int)

    public var description: String {
        switch self {
        case .timeout(let what): "timed out (\(what))"
        case .connection(let what): "connection failed (\(what))"
        case .tooLarge(let limit): "the response passed its limit of \(limit) bytes and was cut off"
        }
    }
}

/// Sends HTTP requests; the providers are written against this, so a test can replace it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// HTTP over libcurl's multi interface: one thread drives every transfer, so hundreds
/// of requests can be in flight on two cores without a thread each.
public final class CurlClient: HTTPTransport, Sendable {
    /// Started on the first request: a build that sends none pays for no thread and no
    /// libcurl set-up (which reads the system's CA certificates).
    private let driver = Mutex<Driver?>(nil)

    public init() {}

    deinit { driver.withLock { $0?.stop() } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let driver = self.driver.withLock { driver in
            if let running = driver { return running }
            let started = Driver()
            let thread = Thread { started.run() }
            thread.name = "scrollbuild-http"
            thread.start()
            driver = started
            return started
        }
        return try await withCheckedThrowingContinuation { continuation in
            driver.add(Transfer(request, continuation: continuation))
        }
    }
}

/// The thread that drives every transfer: adds new ones, lets curl work, finishes what
/// completed, and sleeps in `curl_multi_poll` until a socket is ready or `add` wakes it.
private final class Driver: @unchecked Sendable {
    // `multi` and `active` are touched only by the driver thread (and `multi` by
    // `curl_multi_wakeup`, which libcurl allows from any thread).
    private let multi: UnsafeMutableRawPointer
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private let incoming = Mutex<[Transfer]>([])
    private let running = Atomic<Bool>(true)
    private let stopped = DispatchSemaphore(value: 0)

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init() {
        _ = Driver.globalInit
        multi = curl_multi_init()
    }

    func add(_ transfer: Transfer) {
        incoming.withLock { $0.append(transfer) }
        curl_multi_wakeup(multi)
    }

    func stop() {
        running.store(false, ordering: .sequentiallyConsistent)
        curl_multi_wakeup(multi)
        stopped.wait()
        curl_multi_cleanup(multi)
    }

    func run() {
        defer { stopped.signal() }
        while running.load(ordering: .sequentiallyConsistent) {
            for transfer in incoming.withLock({ list in defer { list.removeAll() }; return list }) {
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: easy) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                transfer.finish(code)
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.finish(CURLE_ABORTED_BY_CALLBACK)
        }
        for transfer in incoming.withLock({ $0 }) { transfer.finish(CURLE_ABORTED_BY_CALLBACK) }
    }
}

/// One request in flight: its curl handle, the bytes received so far, and who waits.
private final class Transfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    private var body = Data()
    private let maxBody: Int
    private var overLimit = false
    private var headers: [String: String] = [:]
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let continuation: CheckedContinuation<HTTPResponse, any Error>
    private let url: String

    init(_ request: HTTPRequest, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        self.continuation = continuation
        self.url = request.url
        maxBody = request.maxResponseBytes ?? Int.max
        easy = curl_easy_init()
        sb_easy_setopt_string(easy, CURLOPT_URL, request.url)
        sb_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        sb_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout.milliseconds))
        sb_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(request.totalTimeout.milliseconds))
        if request.compressed { sb_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "") }
        if request.followRedirects {
            sb_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1)
            sb_easy_setopt_long(easy, CURLOPT_MAXREDIRS, 5)
            sb_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")  // never to file: or others
        }
        if request.method == "HEAD" {
            sb_easy_setopt_long(easy, CURLOPT_NOBODY, 1)  // no body will come: do not wait for one
        } else {
            sb_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            sb_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBytes { bytes in
                _ = sb_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        sb_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList))
        let me = Unmanaged.passUnretained(self).toOpaque()
        sb_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        sb_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            guard transfer.body.count + size * count <= transfer.maxBody else {
                transfer.overLimit = true
                return 0  // fewer bytes than given: libcurl stops the transfer (CURLE_WRITE_ERROR)
            }
            if let data { transfer.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }
        sb_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        sb_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            if let data {
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                transfer.header(line)
            }
            return size * count
        }
    }

    private func header(_ line: String) {
        if line.hasPrefix("HTTP/") { headers.removeAll(); return }  // a new response (after 100 Continue)
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func finish(_ code: CURLcode) {
        var status = 0
        sb_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        let reason = String(cString: curl_easy_strerror(code))
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        switch code {
        case CURLE_OK:
            continuation.resume(returning: HTTPResponse(status: status, headers: headers, body: body))
        case CURLE_WRITE_ERROR where overLimit:
            continuation.resume(throwing: HTTPFailure.tooLarge(maxBody))
        case CURLE_OPERATION_TIMEDOUT:
            continuation.resume(throwing: HTTPFailure.timeout("\(url): \(reason)"))
        default:
            continuation.resume(throwing: HTTPFailure.connection("\(url): \(reason)"))
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    /// Seconds as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
