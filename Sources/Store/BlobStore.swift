import Effects
import Foundation

/// A content-addressed store of build values: `objects/ab/cdef…`, named by the SHA-256 of
/// the bytes they hold.
///
/// Guarantees: a durable write is atomic (temporary file, fsync, rename), so a crash
/// leaves either no object or a whole one; a write that need not be durable (a value the
/// build can compute again) skips the fsync, and is still whole or absent after a kill.
/// A read re-hashes the bytes and treats a mismatch as a miss, so a corrupted or torn
/// object is rebuilt, never trusted.
/// Writing an object that exists already costs one `stat`.
public struct BlobStore: Sendable {
    public let root: String
    private let fileSystem: any FileSystem
    private let warn: @Sendable (String) -> Void

    /// - Parameters:
    ///   - root: the folder that holds `objects/`; created on first write.
    ///   - warn: told about corrupted objects found on read.
    public init(root: String, fileSystem: any FileSystem, warn: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.fileSystem = fileSystem
        self.warn = warn
    }

    /// Stores `bytes` and returns their digest; `durable: false` for bytes the build can
    /// make again should a crash lose them.
    @discardableResult
    public func put(_ bytes: Data, durable: Bool = true) throws -> ContentHash {
        let hash = ContentHash(of: bytes)
        let path = self.path(of: hash)
        if fileSystem.stat(path)?.size == Int64(bytes.count) { return hash }
        if durable { try fileSystem.write(path, bytes, durable: true) } else { try fileSystem.writeAtomically(path, bytes) }
        return hash
    }

    /// The bytes named `hash`, or nil when they are missing or do not hash to `hash`.
    public func get(_ hash: ContentHash) -> Data? {
        let path = self.path(of: hash)
        guard let bytes = try? fileSystem.read(path) else { return nil }
        guard ContentHash(of: bytes) == hash else {
            warn("store object \(path) is corrupt (its bytes do not match its name); rebuilding it")
            try? fileSystem.remove(path)
            return nil
        }
        return bytes
    }

    /// Where the object named `hash` lives.
    public func path(of hash: ContentHash) -> String {
        let hex = hash.hex
        return "\(root)/objects/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }
}
