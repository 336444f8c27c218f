import Effects

extension BuildKey {
    /// The stat the stat cache compares for this source. A `file:` key that names a folder
    /// only says "a folder is here" (`RuleContext.exists`), so its times and size are
    /// left out: adding a file to the folder must not make it look changed.
    func sourceStat(_ fileSystem: any FileSystem) -> FileStat? {
        if rawValue.hasPrefix("always:") || isInput { return nil }  // always: never equal to the recorded marker
        guard let stat = fileSystem.stat(sourcePath) else { return nil }
        if stat.isDirectory && rawValue.hasPrefix("file:") {
            return FileStat(size: 0, mtime: 0, inode: 0, isDirectory: true)
        }
        return stat
    }
}

/// The stat recorded for `always:`; `sourceStat` never returns it, so the key is always changed.
let alwaysMarker = FileStat(size: -1, mtime: 0, inode: 0, isDirectory: false)
