import Effects
import Foundation
import Store
import Synchronization
import Testing

@Suite struct BlobStoreTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path

    @Test func storesByContentAndReadsBack() throws {
        let store = BlobStore(root: root, fileSystem: LocalFileSystem(), warn: { _ in })
        let hash = try store.put(Data("hello".utf8))
        #expect(hash.hex == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(store.path(of: hash).hasSuffix("/objects/2c/f24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"))
        #expect(store.get(hash) == Data("hello".utf8))
        #expect(ContentHash(hex: hash.hex) == hash)
    }

    @Test func aCorruptObjectIsAMissWithAWarning() throws {
        let warnings = Mutex<[String]>([])
        let store = BlobStore(root: root, fileSystem: LocalFileSystem(), warn: { w in warnings.withLock { $0.append(w) } })
        let hash = try store.put(Data("precious".utf8))
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: store.path(of: hash)))
        #expect(store.get(hash) == nil)
        #expect(warnings.withLock { $0.count } == 1)
        #expect(warnings.withLock { $0.first?.contains("is corrupt") } == true)
        #expect(!FileManager.default.fileExists(atPath: store.path(of: hash)))
        try store.put(Data("precious".utf8))
        #expect(store.get(hash) == Data("precious".utf8))
    }

    @Test func writesAreAtomicAndLeaveNoTemporaryFiles() throws {
        let fs = LocalFileSystem()
        let path = root + "/a/b/file"
        try fs.write(path, Data("one".utf8), durable: true)
        try fs.write(path, Data("two".utf8), durable: false)
        #expect(try fs.read(path) == Data("two".utf8))
        #expect(try fs.list(root + "/a/b") == ["file"])
    }

    /// A value the build can make again is stored without fsync, but still through a
    /// rename: a kill in mid-write leaves no half object under the value's name (the old
    /// file, here a torn one, is replaced, not rewritten in place).
    @Test func aNonDurablePutReplacesTheObjectWhole() throws {
        let store = BlobStore(root: root, fileSystem: LocalFileSystem(), warn: { _ in })
        let value = Data(repeating: 7, count: 5000)
        let path = store.path(of: ContentHash(of: value))
        try LocalFileSystem().write(path, value.prefix(100), durable: true)
        let torn = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? torn.close() }
        try store.put(value, durable: false)
        #expect(try torn.readToEnd() == value.prefix(100), "the object was rewritten in place")
        #expect(store.get(ContentHash(of: value)) == value)
        #expect(try LocalFileSystem().list((path as NSString).deletingLastPathComponent).count == 1)
    }

    @Test func hasherSeparatesParts() {
        var a = ContentHasher(), b = ContentHasher()
        a.combine("ab"); a.combine("c")
        b.combine("a"); b.combine("bc")
        #expect(a.finalize() != b.finalize())
    }
}
