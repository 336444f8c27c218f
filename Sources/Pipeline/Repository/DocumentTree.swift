import Engine
import Foundation
import Git

/// The files of a repository course's source at its revision: a commit's tree in the git
/// cache, or a plain folder on disk. The scan and the document rule read through this.
protocol DocumentTree: Sendable {
    /// Every file, symlink and submodule under `folder` (relative to the root; `.` or ""
    /// for all), depth first, sorted; nil when there is no such folder.
    func entries(under folder: String) async throws -> [TreeEntry]?
    /// A file's size in bytes.
    func size(of entry: TreeEntry) async throws -> Int
    /// A file's bytes.
    func bytes(of entry: TreeEntry) async throws -> Data
    /// The file entry at `path`, if there is one.
    func file(at path: String) async throws -> TreeEntry?
}

/// A commit's tree in the git cache: blob ids are git's.
struct CommitTree: DocumentTree {
    let git: GitCache
    let url: String
    let commit: String

    func entries(under folder: String) async throws -> [TreeEntry]? {
        try await git.entries(url: url, commit: commit, folder: folder)
    }

    func size(of entry: TreeEntry) async throws -> Int { try await git.size(url: url, id: entry.id) }

    func bytes(of entry: TreeEntry) async throws -> Data { try await git.blob(url: url, id: entry.id) }

    func file(at path: String) async throws -> TreeEntry? {
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        return try await entries(under: parent)?.first { $0.path == path && $0.kind == .file }
    }
}
