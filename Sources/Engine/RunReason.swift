/// Why a rule ran, or would run: the answer to "why did this rebuild?" as a typed value
/// (llbuild's `Rule::RunReason`), shown by `explain` and counted by tests.
public enum RunReason: Sendable, Hashable, CustomStringConvertible {
    /// No trace: the key was never built into this build folder.
    case neverBuilt
    /// The rule's version differs from the one that built the recorded value.
    case ruleChanged(from: Int, to: Int)
    /// An input's value changed since this key was built.
    case inputChanged(BuildKey)
    /// A file the rule wrote was modified or deleted outside the build.
    case outputChanged(String)
    /// A source file or folder's stat (size, mtime, inode) differs from the recorded one:
    /// its bytes are hashed again to tell whether its content changed.
    case changedOnDisk
    /// The recorded value is missing from the store or corrupt, and a dependent needs it.
    case valueLost

    public var description: String {
        switch self {
        case .neverBuilt: return "never built"
        case .ruleChanged(let old, let new): return "rule version changed (\(old) → \(new))"
        case .inputChanged(let key): return "input \(key) changed"
        case .outputChanged(let path): return "output \(path) was modified or deleted"
        case .changedOnDisk: return "changed on disk"
        case .valueLost: return "its stored value is missing or corrupt"
        }
    }
}
