import CGit2
import Foundation

/// One entry under a folder of a commit's tree: a file, a symlink or a submodule.
public struct TreeEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, symlink, submodule }
    /// The path from the repository's root.
    public var path: String
    /// The blob id (for a submodule, its commit id).
    public var id: String
    public var kind: Kind

    public init(path: String, id: String, kind: Kind) {
        self.path = path
        self.id = id
        self.kind = kind
    }
}

extension BareRepository {
    /// Every entry under `folder` (`.` or empty: the whole tree) of `commit`, depth first,
    /// in the tree's own (bytewise) order. Nil when the commit has no such folder.
    func entries(commit id: String, folder: String) throws -> [TreeEntry]? {
        guard var target = oid(id) else { throw GitError("'\(id)' is not a commit id") }
        var commit: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commit, pointer, &target), "commit \(id) is not in the git cache")
        defer { git_commit_free(commit) }
        var root: OpaquePointer?
        try LibGit2.check(git_commit_tree(&root, commit), "cannot read the tree of commit \(id)")
        defer { git_tree_free(root) }
        let trimmed = folder.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        if trimmed.isEmpty { return try walk(root!, prefix: "") }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, trimmed) == 0 else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, pointer, git_tree_entry_id(entry)), "cannot read folder \(trimmed)")
        defer { git_tree_free(tree) }
        return try walk(tree!, prefix: trimmed + "/")
    }

    /// The size of a blob, read from its header without loading it.
    func size(ofBlob id: String) throws -> Int {
        guard var target = oid(id) else { throw GitError("'\(id)' is not an object id") }
        var odb: OpaquePointer?
        try LibGit2.check(git_repository_odb(&odb, pointer), "cannot open the object database")
        defer { git_odb_free(odb) }
        var length = 0
        var type = GIT_OBJECT_ANY
        try LibGit2.check(git_odb_read_header(&length, &type, odb, &target), "cannot read blob \(id)")
        return length
    }

    private func walk(_ tree: OpaquePointer, prefix: String) throws -> [TreeEntry] {
        var result: [TreeEntry] = []
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let path = prefix + String(cString: git_tree_entry_name(entry))
            let id = hex(git_tree_entry_id(entry).pointee)
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                var child: OpaquePointer?
                try LibGit2.check(git_tree_lookup(&child, pointer, git_tree_entry_id(entry)), "cannot read folder \(path)")
                defer { git_tree_free(child) }
                result += try walk(child!, prefix: path + "/")
            case GIT_FILEMODE_LINK:
                result.append(TreeEntry(path: path, id: id, kind: .symlink))
            case GIT_FILEMODE_COMMIT:
                result.append(TreeEntry(path: path, id: id, kind: .submodule))
            default:
                result.append(TreeEntry(path: path, id: id, kind: .file))
            }
        }
        return result
    }
}
