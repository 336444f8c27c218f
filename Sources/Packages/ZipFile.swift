import Foundation
import ZIPFoundation

/// A zip file made in memory, deterministically: entries in the order given, each with
/// the same fixed modification date and permissions (ZIPFoundation would otherwise stamp
/// the clock's time), so the same entries always give the same bytes.
public struct ZipFile {
    public struct Entry {
        public var path: String
        public var data: Data
        /// Deflated, or stored (an EPUB's `mimetype` must be stored).
        public var compressed: Bool

        public init(_ path: String, _ data: Data, compressed: Bool = true) {
            self.path = path
            self.data = data
            self.compressed = compressed
        }
    }

    /// 1980-01-01T00:00:00Z, the earliest date a zip entry can hold: the date of every entry.
    public static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    public var entries: [Entry] = []

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public mutating func add(_ path: String, _ data: Data, compressed: Bool = true) {
        entries.append(Entry(path, data, compressed: compressed))
    }

    public mutating func add(_ path: String, _ text: String, compressed: Bool = true) {
        add(path, Data(text.utf8), compressed: compressed)
    }

    public func bytes() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in entries {
            let data = entry.data
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: ZipFile.entryDate, permissions: 0o644,
                                 compressionMethod: entry.compressed ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw PackageError("the zip archive could not be written") }
        return bytes
    }
}

/// A package that could not be made, and why.
public struct PackageError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
