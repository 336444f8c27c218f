/// Every path under a build folder, in one place: what the build writes and where.
///
///     build/                 root
///       site/                the site (pages, assets)
///       .scrollbuild/        state: the engine's trace, the store (objects/), LLM answers,
///                            the call log, the git cache, progress.json, the build lock,
///                            discover's HTTP cache (http/)
public struct BuildLayout: Sendable, Equatable {
    /// The build folder (`build` by default).
    public let root: String

    public init(root: String) { self.root = root }

    /// The site folder.
    public var site: String { root + "/site" }
    /// A page's or asset's path in the site folder.
    public func sitePath(_ page: String) -> String { site + "/" + page }

    /// Where the build keeps its state; `clean` empties everything else.
    public var state: String { root + "/.scrollbuild" }
    /// The engine's trace.
    public var trace: String { state + "/trace" }
    /// The root of the content-addressed store (`objects/` under it) and of cached answers.
    public var store: String { state }
    /// The bare repositories of repository courses: build state, fetched again if deleted.
    public var git: String { state + "/git" }
    /// Where each course stands in a running build.
    public var progress: String { state + "/progress.json" }
    /// The LLM call log (SQLite).
    public var callLog: String { state + "/calls.sqlite" }
    /// The errors the last build printed (absent when it had none), for `status`.
    public var lastErrors: String { state + "/last-errors" }
    /// What the last build that had failures was run with and what failed, for `retry`.
    public var lastFailures: String { state + "/last-failures.json" }
    /// `scrollbuild discover`'s HTTP cache.
    public var httpCache: String { state + "/http" }
    /// One build at a time per build folder.
    public var buildLock: String { state + "/lock" }
}
