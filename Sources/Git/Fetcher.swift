import Foundation

/// One resolution of a ref against one cached repository (see `GitCache.resolve`).
struct Fetcher {
    let repository: BareRepository
    let url: String
    let location: String
    let ref: String
    let recorded: GitPin?
    let locked: Bool
    let token: String?
    let scope: TokenScope
    let progress: (FetchProgress) -> Void

    func resolve() throws -> Resolution {
        if isCommitID(ref) { return Resolution(pin: try commit(ref), note: nil) }
        if let recorded, recorded.ref == ref, !recorded.kind.mayMove, repository.hasCommit(recorded.commit) {
            return Resolution(pin: recorded, note: nil)
        }
        let session = try RemoteSession(repository, location: location, token: token, scope: scope, progress: progress)
        let heads: [String: String]
        do {
            heads = try session.list()
        } catch {
            if let recorded, recorded.ref == ref, repository.hasCommit(recorded.commit) {
                return Resolution(pin: recorded, note: "could not reach \(url) (\(error)); built the commit "
                                  + "scrollbuild.lock records for '\(ref)', \(recorded.commit.prefix(12))")
            }
            throw GitError("cannot reach \(url): \(error)")
        }
        let (name, kind) = try find(in: heads)
        let remoteID = heads[name + "^{}"] ?? heads[name]!
        if locked, let recorded, recorded.ref == ref, recorded.commit != remoteID {
            throw GitError("scrollbuild.lock pins \(url) '\(ref)' at \(recorded.commit.prefix(12)), but the \(kind.rawValue) "
                           + "has moved to \(remoteID.prefix(12)); --locked refuses to move it. Build without --locked "
                           + "to move it, then commit scrollbuild.lock")
        }
        let local = name == "HEAD" ? "refs/scrollbuild/HEAD" : name
        if !repository.hasCommit(remoteID) || repository.commit(ofReference: local) == nil {
            try session.fetch(["+\(name):\(local)"])
        }
        guard let commit = repository.commit(ofReference: local) else {
            throw GitError("\(url): '\(ref)' does not point at a commit")
        }
        return Resolution(pin: GitPin(url: url, ref: ref, kind: kind, commit: commit), note: nil)
    }

    /// A commit named by its id: from the cache, else fetched with every branch and tag.
    private func commit(_ id: String) throws -> GitPin {
        let pin = GitPin(url: url, ref: ref, kind: .commit, commit: id)
        if repository.hasCommit(id) { return pin }
        let session = try RemoteSession(repository, location: location, token: token, scope: scope, progress: progress)
        do {
            try session.fetch(["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"])
        } catch {
            throw GitError("cannot fetch \(url): \(error)")
        }
        guard repository.hasCommit(id) else { throw GitError("\(url) has no commit \(id) on any branch or tag") }
        return pin
    }

    /// The remote reference `ref` names: HEAD, a full name, a branch, then a tag.
    private func find(in heads: [String: String]) throws -> (String, GitPin.Kind) {
        if ref == "HEAD", heads["HEAD"] != nil { return ("HEAD", .branch) }
        if ref.hasPrefix("refs/"), heads[ref] != nil { return (ref, ref.hasPrefix("refs/tags/") ? .tag : .branch) }
        if heads["refs/heads/" + ref] != nil { return ("refs/heads/" + ref, .branch) }
        if heads["refs/tags/" + ref] != nil { return ("refs/tags/" + ref, .tag) }
        let names = heads.keys.filter { !$0.hasSuffix("^{}") && $0 != "HEAD" }
            .map { $0.replacingOccurrences(of: "refs/heads/", with: "").replacingOccurrences(of: "refs/tags/", with: "") }
            .sorted()
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        throw GitError("\(url) has no branch or tag '\(ref)'" + (names.isEmpty ? "" : " (it has: \(shown))"))
    }
}
