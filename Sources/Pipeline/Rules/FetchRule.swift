import Catalog
import Diagnostics
import Engine
import Foundation
import Git

/// `fetch:<id>` resolves the course's ref to a commit in the git cache (a `GitPin`).
/// A branch may move, so its task runs in every build (asking the remote, which is cheap
/// when nothing moved) and cuts off when the commit is the same; a commit id, or a tag
/// the lock file already records, is not asked about again. A local folder that is not a
/// git repository is read as it is (`SourceRevision.folder`).
struct FetchRule: TypedRule {
    let version = 2  // 2: typed value, plain folders
    let environment: PipelineEnvironment

    func compute(_ key: FetchKey, in context: RuleContext) async throws -> SourceRevision {
        let course = try await context.need(CourseKey(course: key.course))
        let source = try course.repositorySource()
        let location = environment.location(of: source.url)
        if try await isPlainFolder(source.url, location, context) { return .folder(path: location) }
        let recorded = environment.recordedPin(url: source.url, ref: source.ref)
        let scope = TokenScope(hosts: try await context.settings().gitTokenHosts)
        let board = environment.progress
        let id = course.id
        let resolution: Resolution
        do {
            resolution = try await environment.git.resolve(
                url: source.url, location: location, ref: source.ref, recorded: recorded,
                locked: environment.sources.locked, scope: scope, progress: { board?.fetched($0, course: id) })
        } catch {
            throw PipelineError("course '\(id)': \(URLCredentials.redact("\(error)"))")
        }
        if let note = resolution.note { context.warn(note) }
        // The cache is build state, not a source: if someone deletes it, fetch again.
        _ = try await context.exists(environment.git.folder(for: source.url))
        if resolution.pin.kind.mayMove { try await context.alwaysRerun() }
        return .commit(resolution.pin)
    }

    /// True for a local path to a folder with neither `.git` nor a bare repository's `HEAD`.
    /// Recorded as inputs, so `git init` there turns the course into a repository course.
    private func isPlainFolder(_ url: String, _ location: String, _ context: RuleContext) async throws -> Bool {
        guard !PipelineEnvironment.isRemote(url), try await context.entry(at: location) == .folder else { return false }
        let hasGit = try await context.exists(location + "/.git")
        let isBare = try await context.exists(location + "/HEAD")
        return !hasGit && !isBare
    }
}

extension Course {
    /// The repository a course names, or a failure for a course of another kind.
    func repositorySource() throws -> CourseSource.Repository {
        guard let repository = source.repository else {
            throw PipelineError("course '\(id)' is not a repository course")
        }
        return repository
    }
}
