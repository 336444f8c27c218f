import Effects
import Foundation

/// A build killed in the middle of a durable write leaves its temporary file
/// (`<name>.tmp.<pid>.<n>`) in the store, the answer cache or the state folder. A marker
/// file is there while a build runs; the next build, finding it (under the build lock, so
/// no other build is writing), removes those temporaries. A clean build never walks the store.
public enum KilledBuildSweep {
    /// The marker of a build in progress.
    public static func marker(_ layout: BuildLayout) -> String { layout.state + "/running" }

    /// Call with the lock held, before the build. Returns the temporaries removed.
    @discardableResult
    public static func begin(_ layout: BuildLayout, fileSystem: any FileSystem) throws -> [String] {
        var removed: [String] = []
        if fileSystem.stat(marker(layout)) != nil {
            for folder in [layout.state, layout.store + "/objects", layout.store + "/calls"] {
                removed += temporaries(under: folder, depth: folder == layout.state ? 0 : 1, fileSystem: fileSystem)
            }
            for path in removed { try? fileSystem.remove(path) }
        }
        try fileSystem.write(marker(layout), Data(), durable: false)
        return removed
    }

    /// Call when the build has ended, however it ended, short of being killed.
    public static func end(_ layout: BuildLayout, fileSystem: any FileSystem) {
        try? fileSystem.remove(marker(layout))
    }

    /// Files named `*.tmp.*` in `folder` and, to `depth` levels, its subfolders (the store
    /// fans out by the first two hex digits).
    static func temporaries(under folder: String, depth: Int, fileSystem: any FileSystem) -> [String] {
        guard let names = try? fileSystem.list(folder) else { return [] }
        var found: [String] = []
        for name in names {
            let path = folder + "/" + name
            if name.contains(".tmp.") {
                found.append(path)
            } else if depth > 0, fileSystem.stat(path)?.isDirectory == true {
                found += temporaries(under: path, depth: depth - 1, fileSystem: fileSystem)
            }
        }
        return found
    }
}
