import Effects
import Foundation
import Store

/// Everything the engine remembers between builds: one compact binary file,
/// `<build>/.scrollbuild/trace`, read in one go and written (atomically) only when
/// something changed, as ninja keeps `.ninja_log`.
///
/// Entries are stored in dependency order (every entry after its dependencies), so
/// checking what is up to date is one linear pass. A file that does not parse (another
/// version, truncation) is treated as no trace at all: everything rebuilds, nothing is lost
/// but time, since values are also in the content store.
public struct Trace: Sendable {
    /// Values of at most this many bytes are kept in the trace instead of the store.
    public static let inlineLimit = 1024

    /// The last step (build number) that wrote this trace.
    public var step: UInt32
    public var entries: [TraceEntry]

    public init(step: UInt32 = 0, entries: [TraceEntry] = []) {
        self.step = step
        self.entries = entries
    }

    static let magic: [UInt8] = Array("SBTRACE2".utf8)

    /// Parses a trace file's bytes; nil when they are not a trace of this format.
    public static func decode(_ data: Data) -> Trace? {
        data.withUnsafeBytes { raw -> Trace? in
            var reader = ByteReader(raw)
            guard reader.bytes(magic.count) == magic,
                  let step = reader.u32(), let count = reader.u32() else { return nil }
            // Every entry takes at least 57 bytes, which bounds a corrupt count.
            guard Int(count) <= (raw.count - reader.offset) / 57 else { return nil }
            var entries: [TraceEntry] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let entry = reader.entry(limit: Int32(entries.count)) else { return nil }
                entries.append(entry)
            }
            return reader.isAtEnd ? Trace(step: step, entries: entries) : nil
        }
    }

    /// The file's bytes. Dependencies must point to earlier entries.
    public func encode() -> Data {
        var writer = ByteWriter()
        // About 320 bytes an entry: the buffer grows once or not at all.
        writer.buffer.reserveCapacity(16 + entries.count * 320)
        writer.bytes(Trace.magic)
        writer.u32(step)
        writer.u32(UInt32(entries.count))
        for entry in entries { writer.entry(entry) }
        return Data(writer.buffer)
    }
}

// The format: little-endian integers; strings as u32 length + UTF-8; a flags byte per entry.
private enum Flag {
    static let hasStat: UInt8 = 1
    static let hasInline: UInt8 = 2
    static let isDirectory: UInt8 = 4
}

private struct ByteWriter {
    var buffer: [UInt8] = []

    mutating func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }
    mutating func u8(_ v: UInt8) { buffer.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { buffer.append(contentsOf: $0) } }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            u32(UInt32(utf8.count))
            buffer.append(contentsOf: utf8)
        }
    }
    mutating func stat(_ st: FileStat) {
        u64(UInt64(bitPattern: st.size))
        u64(UInt64(bitPattern: st.mtime))
        u64(st.inode)
    }

    mutating func entry(_ e: TraceEntry) {
        var flags: UInt8 = 0
        if e.stat != nil { flags |= Flag.hasStat }
        if e.inlineValue != nil { flags |= Flag.hasInline }
        if e.stat?.isDirectory == true { flags |= Flag.isDirectory }
        u8(flags)
        string(e.key.rawValue)
        u64(e.digest.words.0); u64(e.digest.words.1); u64(e.digest.words.2); u64(e.digest.words.3)
        u32(e.built)
        u32(e.changed)
        u32(UInt32(bitPattern: e.version))
        u32(UInt32(e.dependencies.count))
        for d in e.dependencies { u32(UInt32(bitPattern: d)) }
        if let st = e.stat { stat(st) }
        if let inline = e.inlineValue {
            u32(UInt32(inline.count))
            bytes(inline)
        }
        u32(UInt32(e.products.count))
        for p in e.products {
            string(p.path)
            stat(p.stat)
        }
    }
}

private struct ByteReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var isAtEnd: Bool { offset == raw.count }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, offset + n <= raw.count else { return nil }
        defer { offset += n }
        return Array(raw[offset..<offset + n])
    }
    mutating func u8() -> UInt8? {
        guard offset < raw.count else { return nil }
        defer { offset += 1 }
        return raw[offset]
    }
    mutating func u32() -> UInt32? {
        guard offset + 4 <= raw.count else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    mutating func u64() -> UInt64? {
        guard offset + 8 <= raw.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    mutating func string() -> String? {
        guard let n = u32().map(Int.init), offset + n <= raw.count else { return nil }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]), as: UTF8.self)
    }
    mutating func stat(isDirectory: Bool) -> FileStat? {
        guard let size = u64(), let mtime = u64(), let inode = u64() else { return nil }
        return FileStat(size: Int64(bitPattern: size), mtime: Int64(bitPattern: mtime),
                        inode: inode, isDirectory: isDirectory)
    }

    /// One entry whose dependencies must all be below `limit` (earlier entries).
    mutating func entry(limit: Int32) -> TraceEntry? {
        guard let flags = u8(), let key = string(),
              let w0 = u64(), let w1 = u64(), let w2 = u64(), let w3 = u64(),
              let built = u32(), let changed = u32(), let version = u32(),
              let depCount = u32(), Int(depCount) * 4 <= raw.count - offset else { return nil }
        var dependencies: [Int32] = []
        dependencies.reserveCapacity(Int(depCount))
        for _ in 0..<depCount {
            guard let d = u32().map({ Int32(bitPattern: $0) }), d >= 0, d < limit else { return nil }
            dependencies.append(d)
        }
        var st: FileStat?
        if flags & Flag.hasStat != 0 {
            guard let s = stat(isDirectory: flags & Flag.isDirectory != 0) else { return nil }
            st = s
        }
        var inline: [UInt8]?
        if flags & Flag.hasInline != 0 {
            guard let n = u32(), let b = bytes(Int(n)) else { return nil }
            inline = b
        }
        guard let productCount = u32() else { return nil }
        var products: [Product] = []
        for _ in 0..<productCount {
            guard let path = string(), let s = stat(isDirectory: false) else { return nil }
            products.append(Product(path: path, stat: s))
        }
        return TraceEntry(key: BuildKey(rawValue: key), digest: ContentHash(words: (w0, w1, w2, w3)),
                          built: built, changed: changed, version: Int32(bitPattern: version),
                          dependencies: dependencies, stat: st, inlineValue: inline, products: products)
    }
}
