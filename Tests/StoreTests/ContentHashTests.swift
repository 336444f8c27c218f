import Foundation
import Store
import Testing

@Suite struct ContentHashTests {
    /// FIPS 180-2's test vectors, through libcrypto.
    @Test func matchesTheStandardVectors() {
        #expect(ContentHash(ofString: "abc").hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash(ofString: "").hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let million = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(ContentHash(of: million).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func partsAreLengthPrefixedAndOrderMatters() {
        func digest(_ parts: [String]) -> ContentHash {
            var hasher = ContentHasher()
            for part in parts { hasher.combine(part) }
            return hasher.finalize()
        }
        #expect(digest(["ab", "c"]) != digest(["a", "bc"]))
        #expect(digest(["a", "b"]) != digest(["b", "a"]))
        #expect(digest(["a", "b"]) == digest(["a", "b"]))
    }

    @Test func finalizingLeavesTheHasherUsable() {
        var hasher = ContentHasher()
        hasher.combine("first")
        let early = hasher.finalize()
        #expect(hasher.finalize() == early)
        hasher.combine("second")
        #expect(hasher.finalize() != early)
    }
}
