import Foundation
import LLM
import Testing

/// The LLM steps of the sample project (14 modules: 14 generate and 14 evaluate calls)
/// against the OpenAI-compatible test server, counted on both sides.
@Suite(.serialized)
struct LLMBuildTests {
    static let key = "sk-test-9f8e7d6c5b4a-SECRET"
    static let environment = ["SCROLLBUILD_API_KEY": key]
    static let modules = 14

    @Test func aSecondRunMakesNoCallsAndAPromptEditReissuesOnlyItsStep() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        let first = try project.json(["all"], environment: Self.environment)
        #expect(first.status == 0, "\(first.errors)")
        #expect(try await server.stats().chatRequests == 2 * Self.modules)
        #expect(first.llmCalls == 2 * Self.modules)
        #expect(first.int("tokens_in") == 100 * 2 * Self.modules)
        #expect(first.object["cost_usd"] as? Double ?? 0 > 0)

        let second = try project.json(["all"], environment: Self.environment)
        #expect(second.llmCalls == 0 && second.tasksRun == 0)
        #expect(try await server.stats().chatRequests == 2 * Self.modules)

        try project.edit("prompts/evaluate-module.mustache", replacing: "Grade this module", with: "Grade this module strictly")
        let third = try project.json(["all"], environment: Self.environment)
        let stats = try await server.stats()
        #expect(third.llmCalls == Self.modules)
        #expect(stats.chatRequests == 3 * Self.modules)
        #expect(stats.steps().suffix(Self.modules).allSatisfy { $0 == "evaluate-module" })

        // The report adds up to what the server counted.
        let report = try project.run(["report", "--json"])
        let rows = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]] ?? []
        let requests = rows.map { $0["requests"] as? Int ?? 0 }.reduce(0, +)
        let hits = rows.map { $0["cache_hits"] as? Int ?? 0 }.reduce(0, +)
        #expect(requests == stats.chatRequests)
        #expect(rows.count == 2)
        // No-op runs never reach the scheduler; after the evaluate prompt changed, each
        // module's task asks for its generate answer again and finds it in the cache.
        #expect(hits == Self.modules)
        let table = try project.run(["report"]).stdout
        #expect(table.contains("generate-module") && table.contains("test-model"))
        try Self.expectNoKey(in: project, outputs: [report.stdout, table] + first.rawOutputs + third.rawOutputs)
    }

    @Test func aSchemaViolationIsRetriedWithTheErrorsAndAPersistentOneStoresNothing() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        try await server.control(["mode": "schema_violation", "times": 1])
        let run = try project.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(run.status == 0, "\(run.errors)")
        let stats = try await server.stats()
        #expect(stats.chatRequests == 2 * 3 + 1)
        let retry = stats.messages(1)
        #expect(retry.contains("does not match the required JSON schema"))
        #expect(retry.contains("$.title: expected string, found integer"))
        #expect(retry.contains("missing required property 'introduction'"))

        // An answer that stays invalid fails the task, and nothing is cached for it.
        let other = try TestProject.sample()
        try other.useServer(server)
        try await server.control(["mode": "schema_violation", "times": -1])
        let before = try await server.stats().chatRequests
        let failed = try other.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(failed.status == 1)
        #expect(failed.errors.contains { $0.contains("broke its schema 3 times") })
        #expect(try await server.stats().chatRequests == before + 3)
        try await server.control(["mode": "valid"])
        let again = try other.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(again.status == 0)
        #expect(again.llmCalls == 6)
        try Self.expectNoKey(in: project, outputs: run.rawOutputs)
        try Self.expectNoKey(in: other, outputs: failed.rawOutputs + again.rawOutputs)
    }

    @Test func retryAfterIsHonouredAndA5xxStormEndsAfterTheBoundedAttempts() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        // How long a Retry-After holds a call is checked on a manual clock (CallSchedulerTests);
        // here a real 429 is retried through the whole build.
        try await server.control(["mode": "rate_limit", "times": 1, "retry_after": 0])
        let run = try project.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(run.status == 0, "\(run.errors)")
        let requests = try await server.stats().requests
        #expect(requests.count == 7, "six calls and one retry after the 429")

        let storm = try TestProject.sample()
        try storm.useServer(server)
        try await server.control(["mode": "server_error", "times": -1])
        let before = try await server.stats().chatRequests
        let failed = try storm.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(failed.status == 1)
        #expect(failed.errors.contains { $0.contains("failed after 3 attempts: the provider failed (HTTP 500)") })
        #expect(try await server.stats().chatRequests == before + 3)
        try Self.expectNoKey(in: project, outputs: run.rawOutputs)
        try Self.expectNoKey(in: storm, outputs: failed.rawOutputs)
    }

    @Test func invalidJSONTruncatedBodiesAndTimeoutsAreRetriedAndEmptyLimitsPause() async throws {
        let server = try LLMServer()
        // Each fault hits the first request only; the swift-concurrency course makes 6 calls.
        for mode in ["invalid_json", "truncated", "slow", "headers_zero"] {
            let project = try TestProject.sample()
            try project.useServer(server, extra: "  timeout_s: 0.5")
            try await server.control(["mode": mode, "times": 1])
            let before = try await server.stats().chatRequests
            let run = try project.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
            #expect(run.status == 0, "\(mode): \(run.errors)")
            let stats = try await server.stats()
            #expect(stats.chatRequests - before == (mode == "headers_zero" ? 6 : 7), "\(mode)")
            if mode == "invalid_json" {
                #expect(stats.messages(before + 1).contains("invalid JSON at byte"))
            }
            if mode == "headers_zero" {
                // "x-ratelimit-remaining-requests: 0, reset 50ms" holds the next call that long
                // (the whole second of a real provider: CallSchedulerTests, on a manual clock).
                let times = stats.requests.map { $0["time"] as? Double ?? 0 }
                #expect(times[before + 1] - times[before] >= 0.045)
            }
            try Self.expectNoKey(in: project, outputs: run.rawOutputs)
            try await server.control(["mode": "valid", "times": -1])
        }
    }

    @Test func keysRotateOnA429() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        let keys = ["sk-first-AAAA1111", "sk-second-BBBB2222"]
        let (first, second) = (LLMServer.fingerprint(keys[0]), LLMServer.fingerprint(keys[1]))
        try await server.control(["mode": "key_limited", "limited_key": first])
        let run = try project.json(["build", "swift-concurrency", "-j", "1"],
                                   environment: ["SCROLLBUILD_API_KEY": keys.joined(separator: ",")])
        #expect(run.status == 0, "\(run.errors)")
        let used = try await server.stats().requests.map { $0["key"] as? String ?? "" }
        #expect(used.first == first)
        #expect(used.dropFirst().allSatisfy { $0 == second })
        #expect(used.count == 7)
        try Self.expectNoKey(in: project, outputs: run.rawOutputs, keys: keys)
    }

    @Test func aBudgetStopsTheRunWithCode4AndALargerOneMakesOnlyTheMissingCalls() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server, extra: "  max_tokens: 100")
        let stopped = try project.json(["all", "-j", "4", "--budget-usd", "0.004"], environment: Self.environment)
        #expect(stopped.status == 4)
        #expect(stopped.object["budget_stop"] as? String != nil)
        let made = try await server.stats().chatRequests
        #expect(made > 0 && made < 2 * Self.modules)
        #expect(stopped.llmCalls == made)

        let finished = try project.json(["all", "-j", "4", "--budget-usd", "10"], environment: Self.environment)
        #expect(finished.status == 0, "\(finished.errors)")
        #expect(try await server.stats().chatRequests == 2 * Self.modules)
        #expect(finished.llmCalls == 2 * Self.modules - made)
        try Self.expectNoKey(in: project, outputs: stopped.rawOutputs + finished.rawOutputs)
    }

    /// scrollbuild.yml's `api_key_env` and run budget reach the calls: the build reads the
    /// file once, and each call brings both in its policy; `--budget-usd` overrides the file.
    @Test func theSettingsKeyVariableAndBudgetReachEveryCall() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server, extra: "  max_tokens: 100\n  api_key_env: TEAM_KEYS\n  budget:\n    usd: 0.004")
        let environment = ["TEAM_KEYS": "sk-team-CCCC3333"]
        let stopped = try project.json(["all", "-j", "4"], environment: environment)
        #expect(stopped.status == 4, "\(stopped.errors)")
        let stats = try await server.stats()
        #expect(stats.chatRequests > 0 && stats.chatRequests < 2 * Self.modules)
        #expect(stats.requests.allSatisfy { $0["key"] as? String == LLMServer.fingerprint("sk-team-CCCC3333") })

        let finished = try project.json(["all", "-j", "4", "--budget-usd", "10"], environment: environment)
        #expect(finished.status == 0, "\(finished.errors)")
        #expect(try await server.stats().chatRequests == 2 * Self.modules)
        try Self.expectNoKey(in: project, outputs: stopped.rawOutputs + finished.rawOutputs, keys: ["sk-team-CCCC3333"])
    }

    @Test func aBatchIsSubmittedAndALaterRunCompletesFromItsResults() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        // Generation goes to the provider (and so into the batch); evaluation stays offline.
        try project.useServer(server, extra: "  steps:\n    evaluate-module: {provider: offline}")
        // The offline grader marks the server's stub modules down; no regeneration here.
        try project.write("scrollbuild.yml", try project.read("scrollbuild.yml") + "\nevaluation:\n  regenerations: 0\n")
        try await server.control(["batch_status": "in_progress"])
        let submitted = try project.json(["all", "--batch"], environment: Self.environment)
        #expect(submitted.status == 0, "\(submitted.errors)")
        #expect((submitted.object["batch"] as? String ?? "").contains("submitted batch batch_1 with 14 calls"))
        #expect(try await server.stats().chatRequests == 0)
        #expect(project.exists("build/.scrollbuild/batch.json"))

        let waiting = try project.run(["all"], environment: Self.environment)
        #expect(waiting.status == 0)
        #expect(waiting.stderr.contains("batch batch_1 (14 calls) is in progress"))

        try await server.control(["batch_status": "completed"])
        let completed = try project.json(["all"], environment: Self.environment)
        #expect(completed.status == 0, "\(completed.errors)")
        let stats = try await server.stats()
        #expect(stats.chatRequests == 0)
        #expect(stats.batchLines == 14)
        #expect(!project.exists("build/.scrollbuild/batch.json"))
        #expect(try project.read("build/site/swift-concurrency/module-01.html").contains("An introduction drawn from"))
        let again = try project.json(["all"], environment: Self.environment)
        #expect(again.tasksRun == 0 && again.llmCalls == 0)
        try Self.expectNoKey(in: project, outputs: completed.rawOutputs + submitted.rawOutputs)
    }

    @Test func offlineAnswersFitTheirSchemasAndDoNotDependOnTheRun() throws {
        let project = try TestProject.sample()
        let run = try project.json(["all"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.llmCalls >= 2 * Self.modules)  // and more for modules written again after a low score
        let page = try project.read("build/site/swift-concurrency/module-02.html")
        #expect(page.contains("Check your understanding") && page.contains("Show the answer"))
        #expect(page.contains("Evaluation "))
        let other = try TestProject.sample()
        _ = try other.json(["all", "-j", "1"])
        for module in 1...3 {
            let name = "build/site/swift-concurrency/module-0\(module).html"
            #expect(try project.read(name) == other.read(name))
        }
    }

    /// The key appears nowhere under the build folder, nor in what the runs printed.
    /// A provider that echoes the key: in an answer, the answer is refused and asked for
    /// again (never stored, never published); in an error, the message shows `[redacted]`
    /// where the key's first characters were. Neither the key nor its first 8 characters
    /// are anywhere in build/, stdout or stderr.
    @Test func aKeyEchoedInAnAnswerOrAnErrorIsNeverShownNorStored() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        try await server.control(["mode": "echo_key", "times": 1])
        let echoed = try project.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(echoed.status == 0, "\(echoed.errors)")
        let stats = try await server.stats()
        #expect(stats.chatRequests == 2 * 3 + 1)  // the answer with the key was asked for again
        #expect(stats.messages(1).contains("contains a configured API key") && !stats.messages(1).contains(Self.key))

        try await server.control(["mode": "error_echo", "times": -1])
        let refused = try project.run(["build", "learning-science", "-j", "1"], environment: Self.environment)
        #expect(refused.status == 1 && refused.stderr.contains("Incorrect API key provided: [redacted]"), "\(refused.stderr)")
        try Self.expectNoKey(in: project, outputs: echoed.rawOutputs + [refused.stdout, refused.stderr])

        // Written as JSON escapes, which the published text decodes; quoted back by a
        // schema violation (an unexpected property named by it); a key under 8 characters.
        for (mode, key) in [("echo_key_escaped", Self.key), ("key_property", Self.key), ("echo_key", "SECRET1")] {
            let other = try TestProject.sample()
            try other.useServer(server)
            try await server.control(["mode": mode, "times": mode == "key_property" ? -1 : 1])
            let before = try await server.stats().chatRequests
            let run = try other.json(["build", "swift-concurrency", "-j", "1"], environment: ["SCROLLBUILD_API_KEY": key])
            let after = try await server.stats()
            if mode == "key_property" {
                #expect(run.status == 1 && run.errors.contains { $0.contains("contains a configured API key") }, "\(run.errors)")
            } else {
                #expect(run.status == 0, "\(mode): \(run.errors)")
                #expect(after.chatRequests == before + 2 * 3 + 1, "\(mode)")  // the leaking answer was asked for again
            }
            try Self.expectNoKey(in: other, outputs: run.rawOutputs, keys: [key])
        }
        try await server.control(["mode": "valid", "times": -1])
        for output in echoed.rawOutputs + [refused.stdout, refused.stderr] {
            #expect(!output.contains(String(Self.key.prefix(8))), "\(output.prefix(300))")
        }
    }

    @Test func anAnswerOverItsSizeLimitIsCutOffAsItArrivesAndNeverStored() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server, extra: "  steps:\n    generate-module: {max_answer_bytes: 200000}")
        try await server.control(["mode": "huge", "times": 1])  // 20 MB for the first call
        let started = Date()
        let cut = try project.json(["build", "swift-concurrency", "-j", "1", "-k"], environment: Self.environment)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(cut.status == 1)
        #expect(cut.errors.count == 1 && cut.errors[0].contains("limit of 200000 bytes"), "\(cut.errors)")
        var stats = try await server.stats()
        #expect(stats.object["aborted"] as? Int == 1)  // the client stopped reading: cut off, not read whole
        #expect(stats.chatRequests == 1 + 2 * 2)  // not retried; with -k the other two modules built
        let largest = try FileManager.default.subpathsOfDirectory(atPath: project.path("build")).map {
            (try? FileManager.default.attributesOfItem(atPath: project.path("build/" + $0))[.size] as? Int) ?? 0
        }.max() ?? 0
        #expect(largest < 1_000_000, "a file of \(largest) bytes was written")

        // Nothing of it was stored: the next build asks for that module again, and only it.
        let rerun = try project.json(["build", "swift-concurrency", "-j", "1"], environment: Self.environment)
        #expect(rerun.status == 0, "\(rerun.errors)")
        stats = try await server.stats()
        #expect(stats.chatRequests == 5 + 2)
        try Self.expectNoKey(in: project, outputs: cut.rawOutputs + rerun.rawOutputs)
    }

    @Test func aBaseURLsCredentialsAreSentButNeverStoredNorShown() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        let userinfo = "gateway:hunter2-SECRET"
        let url = server.baseURL.replacingOccurrences(of: "://", with: "://\(userinfo)@")
        // No API key: the gateway's basic authentication is what the server sees.
        let built = try project.json(["build", "swift-concurrency", "-j", "1"], environment: ["SCROLLBUILD_LLM_BASE_URL": url])
        #expect(built.status == 0, "\(built.errors)")
        let stats = try await server.stats()
        #expect(stats.chatRequests == 6)
        #expect(stats.requests.allSatisfy { $0["key"] as? String == LLMServer.fingerprint("basic:" + userinfo) })

        // An endpoint that is down: its failures name the URL without the password.
        let closed = url.replacingOccurrences(of: ":\(server.port)/", with: ":9/")
        let down = try project.run(["build", "learning-science", "-j", "1"], environment: ["SCROLLBUILD_LLM_BASE_URL": closed])
        #expect(down.status == 1 && down.stderr.contains("[redacted]@127.0.0.1:9"), "\(down.stderr)")
        try Self.expectNoKey(in: project, outputs: built.rawOutputs + [down.stdout, down.stderr])
        // A password that was not percent-encoded: '/', '@', '#' and a space in it.
        for password in ["pa/ss-SECRET", "pa@ss-SECRET", "pa#ss-SECRET", "pa ss-SECRET", "pa?ss-SECRET"] {
            let odd = "http://gateway:\(password)@127.0.0.1:9/v1"
            let failed = try project.run(["build", "learning-science", "-j", "1"], environment: ["SCROLLBUILD_LLM_BASE_URL": odd])
            #expect(failed.status == 1 && failed.stderr.contains("[redacted]"), "\(failed.stderr)")
            try Self.expectNoKey(in: project, outputs: [failed.stdout, failed.stderr])
        }

        // In scrollbuild.yml, which is committed, credentials are an error at their line.
        try project.edit("scrollbuild.yml", replacing: "base_url: \(server.baseURL)", with: "base_url: \(url)")
        let refused = try project.run(["build", "learning-science"])
        #expect(refused.status != 0 && refused.stderr.contains("scrollbuild.yml:"), "\(refused.stderr)")
        #expect(refused.stderr.contains("'base_url' holds credentials"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("SECRET"), "\(refused.stderr)")  // nor its source line
        // However YAML spells them.
        try project.edit("scrollbuild.yml", replacing: "base_url: \(url)", with: #"base_url: "http:\/\/gateway:hunter2-SECRET\u0040127.0.0.1:9/v1""#)
        let escaped = try project.run(["build", "learning-science"])
        #expect(escaped.status != 0 && escaped.stderr.contains("'base_url' holds credentials"), "\(escaped.stderr)")
        #expect(!escaped.stderr.contains("SECRET"), "\(escaped.stderr)")
    }

    /// The key (and "SECRET", which test keys and passwords hold) appears nowhere under
    /// the build folder (the call log among it), nor does any 8-character start of a key,
    /// nor the key in what the runs printed.
    /// Issue 13: `clean` deleted the answers, and the next build paid for every call again.
    @Test func cleanKeepsThePaidAnswersAndTheirLogUnlessAll() async throws {
        let server = try LLMServer()
        let project = try TestProject.sample()
        try project.useServer(server)
        let first = try project.json(["all"], environment: Self.environment)
        #expect(first.status == 0, "\(first.errors)")
        let paid = try await server.stats().chatRequests
        #expect(paid == 2 * Self.modules)

        let cleaned = try project.run(["clean"])
        #expect(cleaned.stdout.contains("kept \(paid) cached LLM answers"), "\(cleaned.stdout)")
        #expect(!project.exists("build/site") && !project.exists("build/.scrollbuild/trace"))
        let again = try project.json(["all"], environment: Self.environment)
        #expect(again.status == 0 && again.tasksRun > 0 && again.llmCalls == 0, "\(again.errors)")
        #expect(try await server.stats().chatRequests == paid)
        #expect(project.exists("build/site/swift-concurrency/module-01.html"))
        let rows = try CallLog(path: project.path("build/.scrollbuild/calls.sqlite")).all()
        #expect(rows.filter { !$0.cacheHit }.count == paid)  // the log survived too

        #expect(try project.run(["clean", "--all"]).status == 0)
        #expect(!project.exists("build/.scrollbuild/calls") && !project.exists("build/.scrollbuild/calls.sqlite"))
        let paidAgain = try project.json(["all"], environment: Self.environment)
        #expect(paidAgain.status == 0 && paidAgain.llmCalls == paid)
        #expect(try await server.stats().chatRequests == 2 * paid)
    }

    static func expectNoKey(in project: TestProject, outputs: [String], keys: [String] = [key]) throws {
        let grep = Process()
        grep.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        grep.arguments = ["grep", "-r", "-l", "-a", "-e", "SECRET"] + keys.flatMap { ["-e", String($0.prefix(8))] }
            + [project.path("build")]
        let output = Pipe()
        grep.standardOutput = output
        try grep.run()
        grep.waitUntilExit()
        let found = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(grep.terminationStatus == 1, "the key is in: \(found)")
        #expect(!outputs.contains { output in output.contains("SECRET") || keys.contains { output.contains($0.prefix(8)) } })
    }
}
