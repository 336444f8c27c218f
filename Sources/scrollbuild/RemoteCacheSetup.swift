import Catalog
import Foundation
import LLM
import RemoteCache

/// The remote cache of a build, from `cache:` in scrollbuild.yml and the environment:
/// `SCROLLBUILD_REMOTE_CACHE` (its URL; empty turns a configured one off),
/// `SCROLLBUILD_REMOTE_CACHE_TOKEN` (a bearer token) and `SCROLLBUILD_REMOTE_CACHE_WRITE=0`
/// (read only, for jobs that must not publish).
enum RemoteCacheSetup {
    static func make(project: ProjectOptions, environment: [String: String],
                     warn: @escaping @Sendable (String) -> Void) -> BazelHTTPCache? {
        // Its diagnostics are the build's to report, with everything else in the file.
        let settings = project.settings().0.cache
        guard let url = environment["SCROLLBUILD_REMOTE_CACHE"] ?? settings.remote, !url.isEmpty else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            warn("remote cache '\(url)' is not an http:// or https:// URL; building without it")
            return nil
        }
        let readOnly = ["0", "false", "no"].contains(environment["SCROLLBUILD_REMOTE_CACHE_WRITE"]?.lowercased() ?? "")
        let token = environment["SCROLLBUILD_REMOTE_CACHE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return BazelHTTPCache(settings: .init(url: url, token: token, write: settings.write && !readOnly),
                              transport: CurlClient(), warn: warn)
    }
}
