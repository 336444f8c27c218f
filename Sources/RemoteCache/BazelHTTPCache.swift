import Foundation
import LLM
import Store
import Synchronization

/// A shared cache over HTTP, speaking the protocol of Bazel's HTTP remote cache (which
/// bazel-remote, nginx's WebDAV module, Gradle's and sccache's caches also serve):
/// `/cas/<sha256>` holds content under its own SHA-256, `/ac/<sha256>` a key's result;
/// `GET` reads, `PUT` writes, 404 is a miss. A key's result here is the hex SHA-256 of its
/// value, which is then read from the CAS and checked against that hash.
///
/// A cache that is down, slow or wrong never fails a build: a transport failure, a timeout
/// or a 5xx turns the cache off for the rest of the run (one warning, then local work);
/// content whose hash is wrong is a miss (with a warning).
public final class BazelHTTPCache: SharedCache {
    public struct Settings: Sendable, Equatable {
        /// The cache's base URL (`https://cache.example.org/scrollbuild`).
        public var url: String
        /// Sent as `Authorization: Bearer <token>` when set.
        public var token: String?
        /// False for read-only jobs (pull requests from forks).
        public var write: Bool

        public init(url: String, token: String? = nil, write: Bool = true) {
            self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
            self.token = token
            self.write = write
        }
    }

    /// What the cache did in this run, for the build's summary.
    public struct Counts: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        public var uploads = 0
        /// Reads whose content did not hash to its name.
        public var rejected = 0
        /// True once the cache was turned off for this run.
        public var off = false
    }

    /// How long one exchange may take before the cache counts as down.
    public static let connectTimeout: Duration = .seconds(2)
    public static let totalTimeout: Duration = .seconds(20)
    /// Values larger than this are neither read nor written (a PDF is a few megabytes).
    public static let maxBytes = 256 << 20

    public let settings: Settings
    private let transport: any HTTPTransport
    private let warn: @Sendable (String) -> Void
    private let state = Mutex(Counts())

    public init(settings: Settings, transport: any HTTPTransport, warn: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.transport = transport
        self.warn = warn
    }

    public var counts: Counts { state.withLock { $0 } }

    public func value(for key: ContentHash) async -> Data? {
        guard !isOff, let link = await get("ac", key.hex),
              let digest = ContentHash(hex: String(decoding: link, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            count { $0.misses += 1 }
            return nil
        }
        guard let content = await get("cas", digest.hex) else {
            count { $0.misses += 1 }
            return nil
        }
        guard ContentHash(of: content) == digest else {
            count { $0.rejected += 1; $0.misses += 1 }
            warn("remote cache: \(settings.url)/cas/\(digest.hex) does not hash to its name; ignored, and the work done here")
            return nil
        }
        count { $0.hits += 1 }
        return content
    }

    public func store(_ value: Data, for key: ContentHash) async {
        guard settings.write, !isOff, value.count <= Self.maxBytes else { return }
        let digest = ContentHash(of: value)
        // The content first: a result never names content the cache does not hold.
        guard await put("cas", digest.hex, value), await put("ac", key.hex, Data(digest.hex.utf8)) else { return }
        count { $0.uploads += 1 }
    }

    // MARK: Exchanges

    private var isOff: Bool { state.withLock { $0.off } }

    private func count(_ change: (inout Counts) -> Void) { state.withLock { change(&$0) } }

    private var headers: [(String, String)] {
        settings.token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    /// The body of a 200; nil for a 404 (a miss) and anything else (which may turn the cache off).
    private func get(_ space: String, _ hex: String) async -> Data? {
        let request = HTTPRequest(method: "GET", url: "\(settings.url)/\(space)/\(hex)", headers: headers,
                                  connectTimeout: Self.connectTimeout, totalTimeout: Self.totalTimeout,
                                  maxResponseBytes: Self.maxBytes)
        guard let response = await send(request) else { return nil }
        if response.status == 200 { return response.body }
        if response.status != 404 { failed("GET \(space)/ answered \(response.status)", off: response.status >= 500) }
        return nil
    }

    private func put(_ space: String, _ hex: String, _ body: Data) async -> Bool {
        let request = HTTPRequest(method: "PUT", url: "\(settings.url)/\(space)/\(hex)",
                                  headers: headers + [("Content-Type", "application/octet-stream")], body: body,
                                  connectTimeout: Self.connectTimeout, totalTimeout: Self.totalTimeout)
        guard let response = await send(request) else { return false }
        guard (200..<300).contains(response.status) else {
            failed("PUT \(space)/ answered \(response.status)" + (response.status == 413 ? " (the body is larger than the server allows)" : ""),
                   off: response.status >= 500 || response.status == 401 || response.status == 403)
            return false
        }
        return true
    }

    private func send(_ request: HTTPRequest) async -> HTTPResponse? {
        do {
            return try await transport.send(request)
        } catch {
            failed("\(error)", off: true)
            return nil
        }
    }

    /// Warns; turns the cache off for the rest of the run when it is down or refuses us.
    private func failed(_ what: String, off: Bool) {
        let first = state.withLock { s -> Bool in
            defer { if off { s.off = true } }
            return !s.off
        }
        guard first else { return }
        warn("remote cache \(settings.url): \(what)" + (off ? "; not used for the rest of this build (the work is done here)" : ""))
    }
}
