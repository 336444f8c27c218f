import Foundation
import Testing

/// Issue 15: three `--shard i/3` builds share a remote cache (nginx's WebDAV module on
/// loopback, speaking the Bazel HTTP cache protocol); a fourth plain build in a fourth
/// folder then makes no LLM request and writes the single-machine site byte for byte. A
/// cache that stops mid-build costs only local work.
@Suite(.serialized)
struct RemoteCacheTests {
    /// The sample, its LLM steps against `server`, its cache at `cache` (when given).
    static func project(server: LLMServer, cache: NginxCache?) throws -> TestProject {
        let project = try TestProject.sample()
        try project.useServer(server)
        if let cache {
            try project.write("scrollbuild.yml", try project.read("scrollbuild.yml") + "\ncache:\n  remote: \(cache.url)\n")
        }
        return project
    }

    @Test func threeShardsAndAnAssemblingBuildPayForEachRequestOnce() async throws {
        // The single-machine build, against a server of its own.
        let alone = try LLMServer()
        let reference = try Self.project(server: alone, cache: nil)
        let single = try reference.json(["all"], environment: LLMBuildTests.environment)
        #expect(single.status == 0, "\(single.stderr)")
        let expected = try KillTrialTests.files(under: reference.path("build/site"))
        let distinct = Set(try await alone.stats(brief: true).requests.compactMap { $0["hash"] as? String })
        #expect(distinct.count >= 10)

        let server = try LLMServer()
        let cache = try NginxCache()
        let project = try Self.project(server: server, cache: cache)
        var shardCourses: [[String]] = []
        for shard in 1...3 {
            let run = try project.json(["all", "--shard", "\(shard)/3", "--build-dir", "shard-\(shard)"],
                                       environment: LLMBuildTests.environment)
            #expect(run.status == 0, "shard \(shard): \(run.stderr)")
            shardCourses.append(run.courses)
            let remote = run.object["remote_cache"] as? [String: Any]
            #expect(remote?["off"] as? Bool == false, "shard \(shard): \(run.stderr)")
        }
        // The shards split the catalog: every course in exactly one.
        let all = shardCourses.flatMap { $0 }
        #expect(Set(all).count == all.count && Set(all) == Set(single.courses), "\(shardCourses)")
        // (By a hash of the id: seven courses may leave a shard empty, not two of three.)
        #expect(shardCourses.filter { !$0.isEmpty }.count >= 2, "\(shardCourses)")

        let assemble = try project.json(["all", "--build-dir", "assembled"], environment: LLMBuildTests.environment)
        #expect(assemble.status == 0, "\(assemble.stderr)")
        #expect(assemble.llmCalls == 0, "the assembling build asked the model \(assemble.llmCalls) times")
        #expect(assemble.int("llm_shared_hits") == distinct.count)
        #expect(try KillTrialTests.files(under: project.path("assembled/site")) == expected)
        let hashes = try await server.stats(brief: true).requests.compactMap { $0["hash"] as? String }
        #expect(hashes.count == distinct.count && Set(hashes) == distinct,
                "\(hashes.count) requests for \(distinct.count) distinct ones")
        // What went over the wire: results and contents, each written once.
        let puts = cache.requests().filter { $0.hasPrefix("PUT ") }
        #expect(puts.filter { $0.contains("/cache/ac/") }.count == distinct.count, "\(puts.count) PUTs")
        #expect(puts.allSatisfy { $0.hasSuffix(" 201") || $0.hasSuffix(" 204") }, "\(puts.prefix(3))")
    }

    @Test func aCacheThatStopsMidBuildCostsOnlyLocalWork() async throws {
        let server = try LLMServer()
        // Slow (each answer takes a few hundred milliseconds), so the build is still
        // asking it when it stops.
        let cache = try NginxCache(bytesPerSecond: 512)
        let project = try Self.project(server: server, cache: cache)
        let first = try project.json(["all", "--build-dir", "first"], environment: LLMBuildTests.environment)
        #expect(first.status == 0)
        let expected = try KillTrialTests.files(under: project.path("first/site"))
        let served = cache.requests().count

        // A build in a new folder asks the cache for every answer; the cache goes away
        // as soon as it has served the first.
        let running = project.start(["all", "--build-dir", "second", "--json"], environment: LLMBuildTests.environment)
        // Watched from a thread of its own (the task pool may be busy with other tests).
        let watcher = Thread {
            let deadline = Date().addingTimeInterval(60)
            while cache.requests().count == served, Date() < deadline { usleep(500) }
            cache.stop()
        }
        watcher.start()
        let outcome = try running.wait()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data((outcome.stdout.split(separator: "\n").last ?? "").utf8))
                                as? [String: Any])
        let remote = try #require(json["remote_cache"] as? [String: Any])
        #expect(remote["off"] as? Bool == true, "the cache was stopped after the build: \(remote) \(cache.requests().suffix(5))")
        #expect(outcome.stderr.contains("not used for the rest of this build"), "\(outcome.stderr)")
        #expect(try KillTrialTests.files(under: project.path("second/site")) == expected)

        // A cache that was never there: one warning, a whole build.
        let missing = try project.json(["all", "--build-dir", "third"],
                                       environment: LLMBuildTests.environment.merging(
                                           ["SCROLLBUILD_REMOTE_CACHE": "http://127.0.0.1:\(try NginxCache.freePort())/cache"]) { $1 })
        #expect(missing.status == 0)
        #expect(try KillTrialTests.files(under: project.path("third/site")) == expected)
    }
}
