import Git

/// What a repository course's `url` and `ref` resolved to: where its documents are read.
enum SourceRevision: Codable, Sendable, Equatable {
    /// A commit in the git cache (recorded in scrollbuild.lock).
    case commit(GitPin)
    /// A local folder that is not a git repository (documentation without git, a project
    /// downloaded as an archive), read as it is, tracked by the stat cache like content/.
    case folder(path: String)

    var pin: GitPin? {
        if case .commit(let pin) = self { return pin }
        return nil
    }
}
