import CCrypto
import Foundation

/// An incremental SHA-256 over the system's libcrypto.
///
/// libcrypto's context is a plain C struct, so copying this value copies the running state:
/// `finalize()` works on a copy and leaves `self` usable. (swift-crypto would give the same
/// digest but compiles BoringSSL on every fresh clone; see the module README.)
struct SHA256Context {
    private var context = SHA256_CTX()

    init() {
        SHA256_Init(&context)
    }

    mutating func update(raw buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        SHA256_Update(&context, base, buffer.count)
    }

    mutating func update(_ bytes: some DataProtocol) {
        for region in bytes.regions {
            region.withUnsafeBytes { update(raw: $0) }
        }
    }

    func finalize() -> ContentHash {
        var copy = context
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&digest, &copy)
        return digest.withUnsafeBytes { ContentHash(digest: $0) }
    }
}
