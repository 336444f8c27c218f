/// What `stat(2)` says about a path: enough to tell, without reading it, that a file has
/// not changed since we last hashed it (as git's index does).
///
/// `mtime` is in nanoseconds since the epoch. Equality of all four fields is the stat
/// cache's test; none of them alone is trusted.
public struct FileStat: Sendable, Hashable, Codable {
    public var size: Int64
    public var mtime: Int64
    public var inode: UInt64
    public var isDirectory: Bool

    public init(size: Int64, mtime: Int64, inode: UInt64, isDirectory: Bool) {
        self.size = size
        self.mtime = mtime
        self.inode = inode
        self.isDirectory = isDirectory
    }
}
