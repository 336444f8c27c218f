import Effects
import Foundation
import Store

/// Sources: `file:` and `dir:` keys, whose values come from the disk through the stat cache.
extension Engine {
    /// Stats a source and, when the stat differs from the trace's, reads and hashes it.
    func examine(_ key: BuildKey) async -> (outcome: Outcome, bytes: Data?) {
        let previous = oldIndex.index(of: key).map { check.trace.entries[Int($0)] }
        let seen = key.isInput ? .success(Engine.look(atInput: key, previous: previous, inputs: inputs))
            : await Engine.look(at: key, previous: previous, fileSystem: fileSystem, store: store,
                                now: clock.nanosecondsSinceEpoch())
        switch seen {
        case .failure(let error):
            return (fail(BuildFailure(key: key, thrown: error)), nil)
        case .success(let seen):
            if let previous, seen.statUnchanged {
                return (Outcome(previous), nil)
            }
            let changed = previous?.digest == seen.digest ? (previous?.changed ?? step) : step
            record(key, FreshEntry(digest: seen.digest, built: step, changed: changed, version: 0,
                                   dependencies: [], stat: seen.stat,
                                   inlineValue: seen.listing.flatMap { $0.count <= Trace.inlineLimit ? [UInt8]($0) : nil },
                                   products: []), flush: false)
            return (Outcome(digest: seen.digest, changed: changed, value: seen.listing), seen.bytes)
        }
    }

    struct Seen: Sendable {
        /// True when the stat matched the trace's, so nothing was read.
        var statUnchanged = false
        var stat: FileStat?
        var digest: ContentHash
        var bytes: Data?
        var listing: Data?
    }

    /// An `input:` key: its value is given; unchanged when its digest is the trace's.
    static func look(atInput key: BuildKey, previous: TraceEntry?, inputs: BuildInputs) -> Seen {
        let value = inputs.value(of: key)
        let digest = ContentHash(of: value)
        return Seen(statUnchanged: previous?.digest == digest, stat: nil, digest: digest, listing: value)
    }

    static let missingDigest = ContentHash(ofString: "scrollbuild: nothing at this path")
    /// A `file:` key naming a folder stands for "a folder is there" (see `RuleContext.exists`).
    static let folderDigest = ContentHash(ofString: "scrollbuild: a folder")

    /// How long after a write its file may be written again with the same mtime: a source
    /// modified less than this before it was read is "racy" (git's word) and hashed again by
    /// the next build. A file system with nanosecond times stamps them from a clock that
    /// ticks every few milliseconds (ext4: one jiffy); a whole-second mtime means one that
    /// keeps seconds only (or FAT's two).
    static func racyWindow(for mtime: Int64) -> Int64 {
        mtime % 1_000_000_000 == 0 ? 2_000_000_000 : 20_000_000
    }

    /// How the trace records a racy source's stat: equal to no real stat, so the next
    /// build reads and hashes the file again (and cuts off when its bytes are the same).
    static func racy(_ stat: FileStat) -> FileStat {
        FileStat(size: stat.size, mtime: Int64.min, inode: stat.inode, isDirectory: stat.isDirectory)
    }

    /// How many times a source whose stat changed during its read is read again.
    static let sourceRereads = 5

    nonisolated static func look(at key: BuildKey, previous: TraceEntry?, fileSystem: any FileSystem,
                                 store: BlobStore, now: Int64) async -> Swift.Result<Seen, Error> {
        if key.rawValue.hasPrefix("always:") {
            return .success(Seen(stat: alwaysMarker, digest: ContentHash(ofString: UUID().uuidString)))
        }
        let path = key.sourcePath
        let current = key.sourceStat(fileSystem)
        if let previous, previous.stat == current {
            return .success(Seen(statUnchanged: true, stat: current, digest: previous.digest))
        }
        guard let found = current else { return .success(Seen(stat: nil, digest: missingDigest)) }
        let stat = found.mtime >= now - racyWindow(for: found.mtime) ? racy(found) : found
        do {
            if key.rawValue.hasPrefix("dir:") {
                var names = try fileSystem.list(path)
                if let suffixes = key.listingSuffixes {
                    names = names.filter { name in suffixes.contains { name.hasSuffix($0) } }
                }
                let listing = Data(names.joined(separator: "\n").utf8)
                if listing.count > Trace.inlineLimit { try store.put(listing) }
                return .success(Seen(stat: stat, digest: ContentHash(of: listing), listing: listing))
            }
            if stat.isDirectory { return .success(Seen(stat: stat, digest: folderDigest)) }
            do {
                // A file another process is rewriting in place: read again (a few times, a
                // moment apart) until its stat holds still across the read; then its bytes
                // and stat belong together. If it never settles, the stat is recorded as
                // racy, so the next build reads it again.
                var before = found, bytes = try fileSystem.read(path)
                for attempt in 0..<sourceRereads {
                    guard let after = key.sourceStat(fileSystem), after != before else {
                        return .success(Seen(stat: before == found ? stat : racy(before), digest: ContentHash(of: bytes), bytes: bytes))
                    }
                    try? await Task.sleep(nanoseconds: UInt64(10_000_000 * (attempt + 1)))
                    before = after
                    bytes = try fileSystem.read(path)
                }
                return .success(Seen(stat: racy(before), digest: ContentHash(of: bytes), bytes: bytes))
            } catch let error as FileSystemError {
                // A file that cannot be read (a FIFO, no permission) is a fact about the
                // source, not a failure of the build: the rule that reads it is told why,
                // and reports it as its own (a catalog file: one broken course).
                return .success(Seen(stat: stat, digest: ContentHash(ofString: "unreadable: \(error.reason)")))
            }
        } catch {
            return .failure(error)
        }
    }
}

extension Engine {
    /// Records that the rule running now wrote `bytes` to the file of `key`, which is also
    /// one of its inputs (a file the build writes once and a person may then edit): the
    /// trace keeps the written stat, so the next build does not take the write for an edit.
    /// No other rule may read that file in the same build.
    func wroteInput(_ key: BuildKey, bytes: Data, stat: FileStat) {
        let digest = ContentHash(of: bytes)
        record(key, FreshEntry(digest: digest, built: step, changed: step, version: 0, dependencies: [], stat: stat,
                               inlineValue: nil, products: []), flush: false)
        overwrite(key, Outcome(digest: digest, changed: step, value: nil))
    }
}
