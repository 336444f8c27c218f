import Catalog
import Foundation
@testable import Pipeline
import Testing

/// progress.json, written as the build goes: deterministic, on a clock that moves 50 ms
/// at each reading, one task at a time.
@Suite struct ProgressTests {
    static let path = PipelineFixture.root + "/build/.scrollbuild/progress.json"

    @Test func eachCourseShowsItsStagePercentageAndStepAndOnlyGoesUp() async throws {
        let f = try PipelineFixture(clockStep: .milliseconds(50))
        f.fileSystem.watch(Self.path)
        try await f.build(jobs: 1)
        let states = try f.fileSystem.versions(of: Self.path).map { data -> [String: Any] in
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return try #require((object["courses"] as? [String: Any])?["notes"] as? [String: Any])
        }
        #expect(states.count >= 5, "only \(states.count) writes")
        let midway = states.filter { ($0["percent"] as? Int ?? 0) > 0 && ($0["percent"] as? Int ?? 100) < 100 }
        let stages = Set(midway.compactMap { $0["stage"] as? String })
        #expect(stages.contains("analyse") && stages.contains("generate"), "\(states)")
        #expect(midway.contains { ($0["step"] as? String ?? "").hasPrefix("analyse ") })
        let percents = states.compactMap { $0["percent"] as? Int }
        #expect(percents == percents.sorted())  // it only goes up
        #expect(states.last?["stage"] as? String == "done" && percents.last == 100)
    }

    /// The writes are bounded by elapsed time, not by the number of tasks: 2,000 courses,
    /// about 20,000 tasks, while the clock moves 1 ms per reading.
    @Test func writesAreBoundedByElapsedTimeNotByTasks() async throws {
        let f = try PipelineFixture(clockStep: .milliseconds(1))
        for n in 0..<2000 {
            f.put("catalog/c\(n).md", "---\nid: c\(n)\ntitle: Course \(n)\nsource: {kind: content}\n---\nCourse \(n).\n")
            f.put("content/c\(n)/01-one.md", "# One\n\nThe first page of course \(n).\n")
            f.put("content/c\(n)/02-two.md", "# Two\n\nThe second page of course \(n).\n")
        }
        f.fileSystem.watch(Self.path)
        let started = f.clock.nanosecondsSinceEpoch()
        let summary = try await f.build()
        let elapsed = Double(f.clock.nanosecondsSinceEpoch() - started) / 1e9
        let writes = f.fileSystem.versions(of: Self.path).count
        #expect(summary.tasksRun > 18_000)
        // At most one write per 250 ms of elapsed time, plus the first and the last.
        #expect(writes <= Int(elapsed / 0.25) + 2, "\(writes) writes in \(elapsed) s")
        #expect(writes >= 2)
    }

    /// The dashboard's fields: courses done and running, tasks, workers, throughput and an
    /// ETA that, on a steady clock, predicts the end within 15% once a tenth is done (the
    /// courses start in priority order, a few at a time, as in a long build's steady state).
    @Test func theDashboardCountsWorkersAndPredictsTheEnd() async throws {
        let f = try PipelineFixture(clockStep: .milliseconds(1))
        for n in 0..<300 {
            f.put("catalog/c\(n).md", "---\nid: c\(n)\ntitle: Course \(n)\nsource: {kind: content}\n---\nCourse \(n).\n")
            f.put("content/c\(n)/01-one.md", "# One\n\nThe first page of course \(n).\n")
        }
        f.fileSystem.watch(Self.path)
        try await f.build(jobs: 2, inputs: ProjectBuild.Inputs(selection: CourseSelection(order: .alphabetical)))
        let versions = try f.fileSystem.versions(of: Self.path).map {
            try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any])
        }
        let last = try #require(versions.last)
        #expect(last["finished"] as? Bool == true)
        let totals = try #require(last["totals"] as? [String: Int])
        let courses = totals["courses"] ?? 0
        #expect(totals["done"] == courses && totals["running"] == 0 && courses >= 300)
        let workers = try #require(last["workers"] as? [[String: Any]])
        #expect(!workers.isEmpty && workers.reduce(0) { $0 + ($1["finished"] as? Int ?? 0) } == courses)
        // The ETA is of the courses' end (the site's index and search index come after).
        let allDone = try #require(versions.first { ($0["totals"] as? [String: Int])?["done"] == courses })
        let end = try #require(allDone["elapsed_seconds"] as? Double)
        // The first write after a tenth of the courses ended: its ETA against the time left.
        let early = try #require(versions.first { ($0["totals"] as? [String: Int])?["done"] ?? 0 >= courses / 10 })
        let at = try #require(early["elapsed_seconds"] as? Double), eta = try #require(early["eta_seconds"] as? Double)
        let actual = end - at
        #expect(abs(eta - actual) <= 0.15 * actual, "ETA \(eta) s at \(at) s; the last course ended \(actual) s later")
        let busy = versions.compactMap { ($0["tasks"] as? [String: Int])?["running"] }.max() ?? 0
        #expect(busy >= 1)
    }
}
