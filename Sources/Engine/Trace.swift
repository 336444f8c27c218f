import Effects
import Foundation
import Store

/// Everything the engine remembers between builds: one compact binary file,
/// `<build>/.scrollbuild/trace`, mapped and decoded in one go and written (atomically,
/// by a rename, so a reader's mapping stays whole) only when
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

    /// Writes the file durably, a megabyte at a time.
    public func write(to path: String, fileSystem: any FileSystem) throws {
        try Trace.write(to: path, step: step, count: entries.count, fileSystem: fileSystem) { emit in
            for entry in entries { try emit(entry) }
        }
    }

    /// Writes a trace of `count` entries, which `entries` hands over one at a time, durably
    /// and a megabyte at a time: the trace of 10,000 courses (40 MB) is never whole in memory.
    static func write(to path: String, step: UInt32, count: Int, fileSystem: any FileSystem,
                      entries: (_ emit: (TraceEntry) throws -> Void) throws -> Void) throws {
        try fileSystem.writeChunks(path) { emitChunk in try withoutActuallyEscaping(emitChunk) { chunk in
            var writer = ByteWriter()
            writer.buffer.reserveCapacity(Self.chunk + 64 * 1024)
            writer.bytes(Trace.magic)
            writer.u32(step)
            writer.u32(UInt32(count))
            var written = 0
            try entries { entry in
                writer.entry(entry)
                written += 1
                if writer.buffer.count >= Self.chunk {
                    try chunk(writer.buffer)
                    writer.buffer.removeAll(keepingCapacity: true)
                }
            }
            precondition(written == count, "a trace of \(count) entries was handed \(written)")
            try chunk(writer.buffer)
        } }
    }

    private static let chunk = 1 << 20

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
