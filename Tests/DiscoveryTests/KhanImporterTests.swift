import Discovery
import Effects
import Foundation
import LLM
import Testing

/// Khan Academy's site import, against a scripted site: a sitemap that fails hides
/// courses the site still lists, so it must retire none.
@Suite struct KhanImporterTests {
    static let base = "https://khan.test"

    static func page(_ title: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [:], body: Data("<html><head><meta name=\"description\" content=\"About \(title).\"></head><body><main><h1>\(title)</h1></main></body></html>".utf8))
    }

    static func sitemap(_ paths: [String]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [:], body: Data(("<urlset>" + paths.map { "<url><loc>\(base)\($0)</loc></url>" }.joined()
                                                            + "</urlset>").utf8))
    }

    static func site(secondSitemap: HTTPResponse) -> [String: [HTTPResponse]] {
        [
            "\(base)/sitemap.xml": [HTTPResponse(status: 200, headers: [:], body: Data(
                "<sitemapindex><sitemap><loc>\(base)/a.xml</loc></sitemap><sitemap><loc>\(base)/b.xml</loc></sitemap></sitemapindex>".utf8))],
            "\(base)/a.xml": [sitemap(["/math", "/math/algebra", "/math/algebra/unit-1"])],
            "\(base)/b.xml": [secondSitemap],
            "\(base)/math": [page("Math")], "\(base)/math/algebra": [page("Algebra 1")],
            "\(base)/math/algebra/unit-1": [page("Foundations")], "\(base)/math/geometry": [page("Geometry")],
        ]
    }

    static func run(_ script: [String: [HTTPResponse]], folder: String) async -> ImportReport {
        var policy = FetchPolicy(userAgent: "scrollbuild/test")
        policy.delay = .zero
        policy.retry = RetryPolicy(attempts: 1)
        let fileSystem = LocalFileSystem()
        let fetcher = PoliteFetcher(transport: PoliteFetcherTests.ScriptedServer(script),
                                    cache: HTTPDiskCache(folder: folder + "/http-\(UUID().uuidString)", fileSystem: fileSystem),
                                    policy: policy, clock: SystemWallClock(), runStart: 1e18) { _ in }
        return await KhanImporter(fetcher: fetcher, catalog: ExternalCatalog(folder: folder + "/khan", fileSystem: fileSystem),
                                  baseURL: base, limit: nil, prune: false).run { _ in }
    }

    @Test func aSitemapThatFailsRetiresNothing() async throws {
        let folder = NSTemporaryDirectory() + "khan-\(UUID().uuidString)"
        defer { try? LocalFileSystem().remove(folder) }
        let first = await Self.run(Self.site(secondSitemap: Self.sitemap(["/math/geometry"])), folder: folder)
        #expect(first.new == ["khan-math-algebra", "khan-math-geometry"], "\(first.failures)")

        let broken = await Self.run(Self.site(secondSitemap: HTTPResponse(status: 503, headers: [:], body: Data())), folder: folder)
        #expect(broken.failures.map(\.url) == ["\(Self.base)/b.xml"])
        #expect(broken.removed.isEmpty, "geometry, in the sitemap that failed, was marked removed")

        let gone = await Self.run(Self.site(secondSitemap: Self.sitemap([])), folder: folder)
        #expect(gone.removed == ["khan-math-geometry"], "a course the site no longer lists is marked")
    }
}
