import Effects
import Foundation
import Store

/// Sources: `file:` and `dir:` keys, whose values come from the disk through the stat cache.
extension Engine {
    /// Stats a source and, when the stat differs from the trace's, reads and hashes it.
    func examine(_ key: BuildKey) async -> (outcome: Outcome, bytes: Data?) {
        let previous = oldIndex.index(of: key).map { check.trace.entries[Int($0)] }
        let seen = await Engine.look(at: key, previous: previous, fileSystem: fileSystem, store: store)
        switch seen {
        case .failure(let error):
            return (fail(BuildFailure(key: key, cause: .ruleFailed, message: "\(error)")), nil)
        case .success(let seen):
            if let previous, previous.stat == seen.stat, !key.rawValue.hasPrefix("always:") {
                return (Outcome(previous), nil)
            }
            let changed = previous?.digest == seen.digest ? (previous?.changed ?? step) : step
            fresh[key] = FreshEntry(digest: seen.digest, built: step, changed: changed, version: 0,
                                    dependencies: [], stat: seen.stat,
                                    inlineValue: seen.listing.flatMap { $0.count <= Trace.inlineLimit ? [UInt8]($0) : nil },
                                    products: [])
            return (Outcome(digest: seen.digest, changed: changed, value: seen.listing), seen.bytes)
        }
    }

    struct Seen: Sendable {
        var stat: FileStat?
        var digest: ContentHash
        var bytes: Data?
        var listing: Data?
    }

    static let missingDigest = ContentHash(ofString: "scrollbuild: nothing at this path")
    /// A `file:` key naming a folder stands for "a folder is there" (see `RuleContext.exists`).
    static let folderDigest = ContentHash(ofString: "scrollbuild: a folder")

    nonisolated static func look(at key: BuildKey, previous: TraceEntry?, fileSystem: any FileSystem,
                                         store: BlobStore) async -> Swift.Result<Seen, Error> {
        if key.rawValue.hasPrefix("always:") {
            return .success(Seen(stat: alwaysMarker, digest: ContentHash(ofString: UUID().uuidString)))
        }
        let path = key.sourcePath
        let stat = key.sourceStat(fileSystem)
        if let previous, previous.stat == stat {
            return .success(Seen(stat: stat, digest: previous.digest))
        }
        guard let stat else { return .success(Seen(stat: nil, digest: missingDigest)) }
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
            let bytes = try fileSystem.read(path)
            return .success(Seen(stat: stat, digest: ContentHash(of: bytes), bytes: bytes))
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
        fresh[key] = FreshEntry(digest: digest, built: step, changed: step, version: 0, dependencies: [], stat: stat,
                                inlineValue: nil, products: [])
        overwrite(key, Outcome(digest: digest, changed: step, value: nil))
    }
}
