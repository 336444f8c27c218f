import Effects
import Foundation
import Testing

/// The trace is read through `readMapped`: a large file is mapped, not copied, and a
/// reader keeps the bytes it mapped when the file is replaced by a rename (as the trace is).
@Suite struct MappedReadTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "mapped-\(UUID().uuidString)"
        try LocalFileSystem().createDirectory(path)
        return path
    }

    @Test func aLargeFileMapsToTheSameBytesAndSurvivesItsReplacement() throws {
        let fs = LocalFileSystem(), root = try Self.folder()
        defer { try? fs.remove(root) }
        let path = root + "/trace"
        let old = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
        try fs.write(path, old, durable: true)

        let mapped = try fs.readMapped(path)
        #expect(mapped.count == old.count)
        #expect(mapped == old)

        let new = Data(repeating: 7, count: 2 << 20)
        try fs.write(path, new, durable: true)
        #expect(mapped == old, "a mapped reader saw the file that replaced it")
        #expect(try fs.readMapped(path) == new)
    }

    @Test func smallFilesAndFoldersReadAsReadDoes() throws {
        let fs = LocalFileSystem(), root = try Self.folder()
        defer { try? fs.remove(root) }
        try fs.write(root + "/small", Data("a few bytes".utf8), durable: true)
        #expect(try fs.readMapped(root + "/small") == Data("a few bytes".utf8))
        #expect(throws: FileSystemError.self) { try fs.readMapped(root) }
        #expect(throws: FileSystemError.self) { try fs.readMapped(root + "/missing") }
    }
}
