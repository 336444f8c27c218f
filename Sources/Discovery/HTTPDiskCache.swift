import Effects
import Foundation
import LLM
import Store

/// The discovery's HTTP cache, `build/.scrollbuild/http`: one file per URL, named by the
/// URL's SHA-256, holding a header line (JSON) and the body. Each file is written whole
/// and renamed into place, and its header carries the body's length and hash, so a kill at
/// any moment leaves an entry that is complete or absent; one that does not check out is
/// treated as absent.
///
/// A run marker (`run`) holds the start of a run that has not finished: entries fetched
/// since then are used as they are, so a killed run's successor fetches only what is
/// missing.
public struct HTTPDiskCache: Sendable {
    public let folder: String
    let fileSystem: any FileSystem

    public init(folder: String, fileSystem: any FileSystem) {
        self.folder = folder
        self.fileSystem = fileSystem
    }

    func path(for url: String) -> String {
        let hex = ContentHash(ofString: url).hex
        return "\(folder)/\(hex.prefix(2))/\(hex)"
    }

    /// The entry for `url`, or nil when there is none or it does not check out.
    public func read(_ url: String) -> CachedResponse? {
        guard let bytes = try? fileSystem.read(path(for: url)) else { return nil }
        return HTTPDiskCache.decode(bytes).flatMap { $0.url == url ? $0 : nil }
    }

    public func write(_ response: CachedResponse) throws {
        try fileSystem.writeAtomically(path(for: response.url), HTTPDiskCache.encode(response))
    }

    static func encode(_ response: CachedResponse) -> Data {
        var header: [String: JSONValue] = [
            "url": .string(response.url), "status": .number(Double(response.status)),
            "fetched_at": .number(response.fetchedAt), "length": .number(Double(response.body.count)),
            "sha256": .string(ContentHash(of: response.body).hex),
        ]
        if let etag = response.etag { header["etag"] = .string(etag) }
        if let lastModified = response.lastModified { header["last_modified"] = .string(lastModified) }
        if let maxAge = response.maxAge { header["max_age"] = .number(maxAge) }
        var bytes = JSONValue.object(header).canonical
        bytes.append(0x0A)
        bytes.append(response.body)
        return bytes
    }

    static func decode(_ bytes: Data) -> CachedResponse? {
        guard let newline = bytes.firstIndex(of: 0x0A),
              let header = try? JSONValue(parsing: bytes[bytes.startIndex..<newline]),
              let url = header["url"]?.string, let status = header["status"]?.int,
              let fetchedAt = header["fetched_at"]?.number, let length = header["length"]?.int,
              let digest = header["sha256"]?.string else { return nil }
        let body = Data(bytes[(newline + 1)...])
        guard body.count == length, ContentHash(of: body).hex == digest else { return nil }
        return CachedResponse(url: url, status: status, etag: header["etag"]?.string,
                              lastModified: header["last_modified"]?.string, fetchedAt: fetchedAt,
                              maxAge: header["max_age"]?.number, body: body)
    }

    // MARK: Runs

    private var markerPath: String { folder + "/run" }

    /// Starts a run at `now`: returns when the unfinished run it continues began (entries
    /// fetched since then are used as they are), or `now` when the last run finished.
    public func beginRun(now: Double) throws -> Double {
        try removeLeftovers()
        if let bytes = try? fileSystem.read(markerPath),
           let started = Double(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
           started <= now {
            return started
        }
        try fileSystem.writeAtomically(markerPath, Data("\(now)\n".utf8))
        return now
    }

    /// Ends the run: the next one asks about every entry again.
    public func endRun() throws {
        try fileSystem.remove(markerPath)
    }

    /// How many entries there are, and the files among them that do not check out. The
    /// temporary file of a write cut short by a kill is no entry, and is left out.
    public func check() throws -> (entries: Int, corrupt: [String]) {
        var entries = 0
        var corrupt: [String] = []
        for file in try files() where !HTTPDiskCache.isTemporary(file) {
            entries += 1
            guard let bytes = try? fileSystem.read(file), let entry = HTTPDiskCache.decode(bytes),
                  path(for: entry.url) == file else {
                corrupt.append(file)
                continue
            }
        }
        return (entries, corrupt)
    }

    /// Removes what writes cut short by a kill left behind.
    func removeLeftovers() throws {
        for file in try files() where HTTPDiskCache.isTemporary(file) { try fileSystem.remove(file) }
    }

    private func files() throws -> [String] {
        guard fileSystem.stat(folder)?.isDirectory == true else { return [] }
        var files: [String] = []
        for shard in try fileSystem.list(folder) where shard.count == 2 {
            files += try fileSystem.list("\(folder)/\(shard)").map { "\(folder)/\(shard)/\($0)" }
        }
        return files
    }

    private static func isTemporary(_ file: String) -> Bool { file.contains(".tmp.") }
}
