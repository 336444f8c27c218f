import Effects
import Foundation
import Store

/// Answers by request hash: `calls/ab/cdef…` names the store object holding the
/// validated answer. Like an action cache over the content store, so a remote cache can
/// later serve both halves. Writes are durable before a call returns: a crash never
/// loses an answer that was paid for.
public struct CallCache: Sendable {
    let root: String
    let store: BlobStore
    let fileSystem: any FileSystem
    /// Told about a corrupt entry (which is then a miss, and the call is made again).
    let warn: @Sendable (String) -> Void

    /// - Parameter root: the build's state folder (`build/.scrollbuild`).
    public init(root: String, fileSystem: any FileSystem, warn: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.fileSystem = fileSystem
        self.warn = warn
        store = BlobStore(root: root, fileSystem: fileSystem, warn: warn)
    }

    /// The stored answer to `request`; nil when there is none, or (with a warning) when
    /// what is stored is corrupt.
    public func answer(for request: ContentHash) -> Data? {
        let path = path(of: request)
        guard fileSystem.stat(path) != nil else { return nil }
        guard let link = try? fileSystem.read(path), let digest = ContentHash(hex: String(decoding: link, as: UTF8.self)) else {
            warn("the cached answer \(path) is corrupt; the call is made again")
            return nil
        }
        return store.get(digest)
    }

    public func store(_ answer: Data, for request: ContentHash) throws {
        let digest = try store.put(answer)
        try fileSystem.write(path(of: request), Data(digest.hex.utf8), durable: true)
    }

    func path(of request: ContentHash) -> String {
        let hex = request.hex
        return "\(root)/calls/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }
}
