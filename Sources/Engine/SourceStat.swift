import Effects

extension BuildKey {
    /// The stat the stat cache compares for this source. A `file:` key that names a folder
    /// only says "a folder is here" (`RuleContext.exists`), so its times and size are
    /// left out: adding a file to the folder must not make it look changed.
    func sourceStat(_ fileSystem: any FileSystem) -> FileStat? {
        guard let stat = fileSystem.stat(name) else { return nil }
        if stat.isDirectory && rawValue.hasPrefix("file:") {
            return FileStat(size: 0, mtime: 0, inode: 0, isDirectory: true)
        }
        return stat
    }
}
