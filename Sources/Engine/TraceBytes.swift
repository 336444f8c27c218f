import Effects
import Store

// The format: little-endian integers; strings as u32 length + UTF-8; a flags byte per entry.
enum Flag {
    static let hasStat: UInt8 = 1
    static let hasInline: UInt8 = 2
    static let isDirectory: UInt8 = 4
}

struct ByteWriter {
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
        fields(key: e.key, digest: e.digest, built: e.built, changed: e.changed, version: e.version, stat: e.stat,
               inline: e.inlineValue, products: e.products, dependencyCount: e.dependencies.count) {
            for d in e.dependencies { $0.u32(UInt32(bitPattern: d)) }
        }
    }

    /// A journal's record: an entry whose dependencies are keys, not trace indices.
    mutating func record(_ key: BuildKey, _ e: FreshEntry) {
        fields(key: key, digest: e.digest, built: e.built, changed: e.changed, version: e.version, stat: e.stat,
               inline: e.inlineValue, products: e.products, dependencyCount: e.dependencies.count) {
            for d in e.dependencies { $0.string(d.rawValue) }
        }
    }

    private mutating func fields(key: BuildKey, digest: ContentHash, built: UInt32, changed: UInt32, version: Int32,
                                 stat st: FileStat?, inline: [UInt8]?, products: [Product], dependencyCount: Int,
                                 dependencies: (inout ByteWriter) -> Void) {
        var flags: UInt8 = 0
        if st != nil { flags |= Flag.hasStat }
        if inline != nil { flags |= Flag.hasInline }
        if st?.isDirectory == true { flags |= Flag.isDirectory }
        u8(flags)
        string(key.rawValue)
        u64(digest.words.0); u64(digest.words.1); u64(digest.words.2); u64(digest.words.3)
        u32(built)
        u32(changed)
        u32(UInt32(bitPattern: version))
        u32(UInt32(dependencyCount))
        dependencies(&self)
        if let st { stat(st) }
        if let inline {
            u32(UInt32(inline.count))
            bytes(inline)
        }
        u32(UInt32(products.count))
        for p in products {
            string(p.path)
            stat(p.stat)
        }
    }
}

struct ByteReader {
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
        var dependencies: [Int32] = []
        guard let f = fields(dependencies: { reader, count in
            dependencies.reserveCapacity(count)
            for _ in 0..<count {
                guard let d = reader.u32().map({ Int32(bitPattern: $0) }), d >= 0, d < limit else { return false }
                dependencies.append(d)
            }
            return true
        }) else { return nil }
        return TraceEntry(key: f.key, digest: f.digest, built: f.built, changed: f.changed, version: f.version,
                          dependencies: dependencies, stat: f.stat, inlineValue: f.inline, products: f.products)
    }

    /// A journal's record (see `ByteWriter.record`).
    mutating func record() -> (BuildKey, FreshEntry)? {
        var dependencies: [BuildKey] = []
        guard let f = fields(dependencies: { reader, count in
            dependencies.reserveCapacity(count)
            for _ in 0..<count {
                guard let d = reader.string() else { return false }
                dependencies.append(BuildKey(rawValue: d))
            }
            return true
        }) else { return nil }
        return (f.key, FreshEntry(digest: f.digest, built: f.built, changed: f.changed, version: f.version,
                                  dependencies: dependencies, stat: f.stat, inlineValue: f.inline, products: f.products))
    }

    private struct Fields {
        var key: BuildKey, digest: ContentHash, built: UInt32, changed: UInt32, version: Int32
        var stat: FileStat?, inline: [UInt8]?, products: [Product]
    }

    private mutating func fields(dependencies: (inout ByteReader, Int) -> Bool) -> Fields? {
        guard let flags = u8(), let key = string(),
              let w0 = u64(), let w1 = u64(), let w2 = u64(), let w3 = u64(),
              let built = u32(), let changed = u32(), let version = u32(),
              let depCount = u32(), Int(depCount) * 4 <= raw.count - offset,
              dependencies(&self, Int(depCount)) else { return nil }
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
        return Fields(key: BuildKey(rawValue: key), digest: ContentHash(words: (w0, w1, w2, w3)), built: built,
                      changed: changed, version: Int32(bitPattern: version), stat: st, inline: inline, products: products)
    }
}
