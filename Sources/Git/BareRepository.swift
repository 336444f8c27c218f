import CGit2
import Foundation

/// One bare repository of the cache. A libgit2 repository handle is not shared between
/// threads: `GitCache` uses each one on its repository's serial queue only.
final class BareRepository {
    let pointer: OpaquePointer

    /// Opens the bare repository at `path`, or creates it when it does not `exist`.
    init(at path: String, exists: Bool) throws {
        LibGit2.start()
        var repo: OpaquePointer?
        if exists {
            try LibGit2.check(git_repository_open_bare(&repo, path), "cannot open the git cache \(path)")
        } else {
            try LibGit2.check(git_repository_init(&repo, path, 1), "cannot create the git cache \(path)")
        }
        pointer = repo!
    }

    deinit { git_repository_free(pointer) }

    /// True when the commit is in the cache.
    func hasCommit(_ id: String) -> Bool {
        guard var target = oid(id) else { return false }
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &target) == 0 else { return false }
        git_commit_free(commit)
        return true
    }

    /// A commit's committer time, in seconds since the epoch.
    func time(ofCommit id: String) throws -> Int64 {
        guard var target = oid(id) else { throw GitError("'\(id)' is not an object id") }
        var commit: OpaquePointer?
        try LibGit2.check(git_commit_lookup(&commit, pointer, &target), "cannot read commit \(id) from the git cache")
        defer { git_commit_free(commit) }
        return Int64(git_commit_time(commit))
    }

    /// The commit a local reference points at, peeled through annotated tags.
    func commit(ofReference name: String) -> String? {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, name + "^{commit}") == 0, let object else { return nil }
        defer { git_object_free(object) }
        return hex(git_object_id(object).pointee)
    }

    /// A blob's bytes.
    func blob(_ id: String) throws -> Data {
        guard var target = oid(id) else { throw GitError("'\(id)' is not an object id") }
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, &target), "cannot read blob \(id) from the git cache")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }
}
