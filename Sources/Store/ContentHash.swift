import CCrypto
import Foundation

/// A SHA-256 digest: the name of a value in the store and the identity of a build input.
///
/// Unlike `Hashable.hashValue`, which Swift seeds per process, a `ContentHash` is the same
/// on every run and every machine, so it can be persisted and shared (later, a remote cache).
public struct ContentHash: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The 32 digest bytes, stored as four words so the value is cheap to copy and compare.
    public let words: (UInt64, UInt64, UInt64, UInt64)

    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The digest of `bytes`.
    public init(of bytes: some DataProtocol) {
        var hasher = SHA256Context()
        hasher.update(bytes)
        self = hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes.
    public init(ofString string: String) {
        self.init(of: Array(string.utf8))
    }

    /// Reads the 32 digest bytes big-endian into four words.
    init(digest raw: UnsafeRawBufferPointer) {
        words = (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                 UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }

    /// Parses 64 lowercase or uppercase hex digits.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var parts: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: digits[start..<start + 16], as: UTF8.self), radix: 16)
            else { return nil }
            parts.append(word)
        }
        words = (parts[0], parts[1], parts[2], parts[3])
    }

    /// The digest in lowercase hex.
    public var hex: String {
        [words.0, words.1, words.2, words.3].map { word in
            let s = String(word, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    public var description: String { hex }

    /// The first 12 hex digits, for messages.
    public var short: String { String(hex.prefix(12)) }

    public static func == (a: ContentHash, b: ContentHash) -> Bool {
        a.words == b.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }

    public static func < (a: ContentHash, b: ContentHash) -> Bool {
        a.words < b.words
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = ContentHash(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a SHA-256 hex digest"))
        }
        self = hash
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Builds one digest from several parts, each length-prefixed so that ("ab", "c") and
/// ("a", "bc") never collide.
public struct ContentHasher {
    private var sha = SHA256Context()

    public init() {}

    public mutating func combine(_ string: String) {
        combine(bytes: Array(string.utf8))
    }

    public mutating func combine(_ hash: ContentHash) {
        var w = (hash.words.0.bigEndian, hash.words.1.bigEndian, hash.words.2.bigEndian, hash.words.3.bigEndian)
        withUnsafeBytes(of: &w) { sha.update(raw: $0) }
    }

    public mutating func combine(_ value: Int) {
        var v = Int64(value).bigEndian
        withUnsafeBytes(of: &v) { sha.update(raw: $0) }
    }

    public mutating func combine(bytes: some DataProtocol) {
        combine(bytes.count)
        sha.update(bytes)
    }

    public func finalize() -> ContentHash {
        sha.finalize()
    }
}
