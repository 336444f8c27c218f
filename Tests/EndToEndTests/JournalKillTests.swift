import Foundation
import Testing

/// Issue 15: a 2,000-course build killed with SIGKILL halfway through. The journal keeps
/// every task that finished before the kill: the next build runs none of them again (only
/// what was in flight), and the site it leaves equals a clean build's.
@Suite(.serialized)
struct JournalKillTests {
    static let courses = 2000

    /// The bench's synthetic catalog: `courses` courses of two chapters each.
    static func generated() throws -> TestProject {
        let project = try TestProject.empty()
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        generator.arguments = [TestProject.packageRoot.appendingPathComponent("bench/generate.py").path,
                               "\(courses)", project.path("generated"), "--chapters", "2"]
        try generator.run()
        generator.waitUntilExit()
        #expect(generator.terminationStatus == 0)
        return TestProject(root: project.root.appendingPathComponent("generated/project"))
    }

    /// The chapter and course pages under a site folder, by path relative to it.
    static func pages(in site: String) -> Set<String> {
        var found: Set<String> = []
        for course in (try? FileManager.default.contentsOfDirectory(atPath: site)) ?? [] where course.hasPrefix("course-") {
            for page in (try? FileManager.default.contentsOfDirectory(atPath: site + "/" + course)) ?? [] where page.hasSuffix(".html") {
                found.insert(course + "/" + page)
            }
        }
        return found
    }

    @Test func aBuildKilledHalfwayRunsNoFinishedTaskAgain() async throws {
        let project = try Self.generated()
        let jobs = 2
        let clean = try project.json(["all", "-j", "\(jobs)", "--build-dir", "clean"])
        #expect(clean.status == 0, "\(clean.stderr)")
        let allPages = Self.pages(in: project.path("clean/site"))
        #expect(allPages.count == Self.courses * 3)

        let running = project.start(["all", "-j", "\(jobs)"])
        let site = project.path("build/site")
        // Watched from a thread of its own: the tests running beside this one may hold
        // every thread of the task pool.
        let pid = running.process.processIdentifier
        let watcher = Thread {
            let deadline = Date().addingTimeInterval(120)
            while ((try? FileManager.default.contentsOfDirectory(atPath: site))?.count ?? 0) < Self.courses / 2, Date() < deadline {
                usleep(2_000)
            }
            kill(pid, SIGKILL)
        }
        watcher.start()
        let killed = try running.wait()
        #expect(killed.status == SIGKILL, "the build ended before it was killed")
        let before = Self.pages(in: site)
        #expect(before.count > allPages.count / 3 && before.count < allPages.count, "\(before.count) pages at the kill")
        #expect(FileManager.default.fileExists(atPath: project.path("build/.scrollbuild/trace.journal")))

        let rerun = try project.json(["all", "-j", "\(jobs)"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let pagesRun = rerun.ran.filter { $0.hasPrefix("page:course-") }.map { String($0.dropFirst("page:".count)) }
        // A page written before the kill was written by a task that had finished, unless
        // the kill fell between its write and its record: at most one per job slot.
        let again = pagesRun.filter(before.contains)
        print("kill: \(before.count) of \(allPages.count) pages written before the kill; the next build rendered "
              + "\(pagesRun.count) pages, \(again.count) of them again; \(rerun.tasksRun) tasks run against "
              + "\(clean.tasksRun) in a clean build")
        #expect(again.count <= jobs, "pages rendered again after the kill: \(again.sorted().prefix(5))")
        #expect(pagesRun.count >= allPages.count - before.count)
        #expect(rerun.tasksRun < clean.tasksRun * 2 / 3)
        #expect(try KillTrialTests.files(under: site) == KillTrialTests.files(under: project.path("clean/site")))
    }
}
