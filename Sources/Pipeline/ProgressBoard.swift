import Effects
import Engine
import Foundation
import Git
import LLM
import Synchronization

/// Where each course of a running build stands: its stage, a percentage and the current
/// step; and the build as a whole: courses done and failed, tasks running, each worker's
/// course, tokens and cost so far, throughput and an ETA (see `ProgressFile`). Listens to
/// the engine (as a `BuildObserver` in front of the caller's), learns each course's size
/// from the rules (documents scanned, modules planned), and rewrites
/// `<build>/.scrollbuild/progress.json` atomically, at most four times a second.
///
/// A worker is a lane that works on one course at a time: a course takes the lowest free
/// lane when its first task starts and gives it back when it ends, so `-j 100` over
/// 10,000 courses shows as many lanes as courses in flight, each with its count.
final class ProgressBoard: BuildObserver {
    typealias Stage = CourseStage

    struct CourseState: Equatable {
        var stage: Stage = .queued
        var percent = 0
        var step = ""
        var documents: Int?
        var modules: Int?
        var analysed = 0
        var generated = 0
        /// Facts the stage follows from, whatever order the tasks start in (a page task
        /// starts first and waits for its module; a plan starts before its analyses).
        var isRepository = false
        var fetched = false
        var generating = false
        /// The latest task started in each stage.
        var steps: [Stage: String] = [:]
        /// Its place in the order courses started (1 for the first), once a task of it started.
        var started: Int?
        /// The worker lane it holds while it runs.
        var lane: Int?

        mutating func settle() {
            if stage == .done || stage == .failed { return }
            if let modules { stage = generated < modules ? .generate : .render }
            else if generating { stage = .generate }
            else if !isRepository { stage = .render }
            else if let documents { stage = analysed < documents ? .analyse : .plan }
            else { stage = fetched ? .scan : .fetch }
            step = steps[stage] ?? step
        }
    }

    private struct State {
        var courses: [String: CourseState] = [:]
        /// When the file may next be written (wall-clock nanoseconds).
        var nextWrite = Int64.min
        var dirty = false
        /// False until a task runs: a build with nothing to do leaves the file alone.
        var working = false
        /// True while one task writes the file; the others do not wait for it.
        var writing = false
        var writes = 0
        /// Courses whose end the observer was told.
        var ended: Set<String> = []
        var coursesStarted = 0
        var lanes: [ProgressFile.Worker] = []
        var tasksRunning = 0
        var tasksFinished = 0
        var tasksFailed = 0
        /// When the first course started, and how many courses had ended by each write.
        var firstStart: Int64?
        /// When each course that ended did, in order.
        var endTimes: [Int64] = []
        /// Set by `end`: the next write is the build's last.
        var finished = false
    }

    /// The shortest time between two writes of the file.
    static let interval: Int64 = 250_000_000
    /// Writing may take at most a quarter of the time: at 10,000 courses one write costs
    /// milliseconds, so the file is written less often as the catalog grows, never more.
    static let maximumShare: Int64 = 4

    private let inner: any BuildObserver
    private let path: String
    private let fileSystem: any FileSystem
    private let clock: any WallClock
    private let llmTotals: @Sendable () -> LLMTotals
    private let state = Mutex(State())

    init(inner: any BuildObserver, path: String, fileSystem: any FileSystem, clock: any WallClock,
         llmTotals: @escaping @Sendable () -> LLMTotals = { LLMTotals() }) {
        self.inner = inner
        self.path = path
        self.fileSystem = fileSystem
        self.clock = clock
        self.llmTotals = llmTotals
    }

    /// How many times this board wrote the file.
    var writes: Int { state.withLock { $0.writes } }

    /// Lists the courses of this build, all queued (written once a task runs).
    func begin(_ courses: [String]) {
        state.withLock { s in
            for id in courses where s.courses[id] == nil { s.courses[id] = CourseState() }
            s.dirty = true
        }
        (inner as? any CourseObserver)?.courses(courses.count)
    }

    /// Tells a `CourseObserver` that `course` ended, once.
    private func ended(_ course: String, failed: Bool) {
        let first = state.withLock { s -> Bool in
            guard s.ended.insert(course).inserted else { return false }
            s.endTimes.append(clock.nanosecondsSinceEpoch())
            if s.courses[course] != nil {
                s.courses[course]!.stage = failed ? .failed : .done
                if !failed { s.courses[course]!.percent = 100 }
                // Its step stays on show; the steps of every stage are not needed again.
                s.courses[course]!.steps = [:]
                s.dirty = true
            }
            if let lane = s.courses[course]?.lane {
                s.lanes[lane].course = nil
                s.lanes[lane].step = nil
                s.lanes[lane].finished += 1
                if failed { s.lanes[lane].errors += 1 }
                s.courses[course]?.lane = nil
            }
            return true
        }
        if first { (inner as? any CourseObserver)?.courseEnded(course, failed: failed) }
    }

    /// The course's start order and lane, the first time one of its tasks starts.
    private static func start(_ course: String, in s: inout State, now: Int64) {
        guard s.courses[course]?.started == nil, !s.ended.contains(course) else { return }
        s.coursesStarted += 1
        s.courses[course, default: CourseState()].started = s.coursesStarted
        if s.firstStart == nil { s.firstStart = now }
        let lane = s.lanes.firstIndex { $0.course == nil } ?? s.lanes.count
        if lane == s.lanes.count { s.lanes.append(ProgressFile.Worker(id: lane + 1)) }
        s.lanes[lane].course = course
        s.courses[course]?.lane = lane
    }

    func documents(_ count: Int, course: String) { update(course) { $0.documents = count; $0.settle() } }

    /// Clone or fetch progress of a course's repository.
    func fetched(_ progress: FetchProgress, course: String) {
        update(course) { c in
            c.isRepository = true
            c.stage = .fetch
            c.step = progress.total > 0 ? "fetch \(progress.received)/\(progress.total) objects" : "fetch"
            if progress.total > 0 { c.percent = Int(10 * Double(progress.received) / Double(progress.total)) }
        }
    }
    func modules(_ count: Int, course: String) { update(course) { $0.modules = count; $0.settle() } }

    /// Marks every course done, or failed when one of its tasks failed, and writes the file.
    func end(failed: Set<String>) {
        state.withLock { s in
            for id in s.courses.keys {
                let failedHere = failed.contains(id)
                s.courses[id]!.stage = failedHere ? .failed : .done
                s.courses[id]!.percent = failedHere ? s.courses[id]!.percent : 100
            }
            s.finished = true
        }
        flush(force: state.withLock { $0.working } || fileSystem.stat(path) == nil)
    }

    // MARK: BuildObserver

    func started(_ key: BuildKey, reason: RunReason) {
        inner.started(key, reason: reason)
        let now = clock.nanosecondsSinceEpoch()
        let place = PipelineKeys.place(key)
        state.withLock { s in
            s.working = true
            s.tasksRunning += 1
            guard let place else { return }
            Self.start(place.course, in: &s, now: now)
            if let lane = s.courses[place.course]?.lane { s.lanes[lane].step = place.step }
        }
        guard let place else { return }
        (inner as? any CourseObserver)?.working(on: place.course, step: place.step)
        update(place.course) { c in
            if place.stage == .fetch { c.isRepository = true }
            if place.kind == GenerateKey.kind { c.generating = true }
            c.steps[place.stage] = place.step
            c.settle()
        }
    }

    func finished(_ key: BuildKey, cutOff: Bool) {
        inner.finished(key, cutOff: cutOff)
        state.withLock { s in
            s.tasksRunning -= 1
            s.tasksFinished += 1
        }
        guard let place = PipelineKeys.place(key) else { return }
        if place.kind == CoursePagesKey.kind { ended(place.course, failed: false) }
        let stage = place.stage
        update(place.course) { c in
            if stage == .fetch { c.fetched = true }
            if place.kind == AnalyseKey.kind { c.analysed += 1 }
            if place.kind == GenerateKey.kind { c.generated += 1 }
            if stage == .fetch || stage == .plan { c.percent = max(c.percent, Int(stage.span.start + stage.span.width)) }
            c.settle()
        }
    }

    func failed(_ failure: BuildFailure) {
        inner.failed(failure)
        state.withLock { s in
            // A rule that failed had started; a source that failed had not.
            if !failure.key.isSource { s.tasksRunning -= 1 }
            s.tasksFailed += 1
        }
        if let course = PipelineKeys.course(of: failure.key) { ended(course, failed: true) }
        if let place = PipelineKeys.place(failure.key), place.stage == .fetch { update(place.course) { $0.fetched = true; $0.settle() } }
    }
    func abandoned(_ key: BuildKey) {
        inner.abandoned(key)
        state.withLock { $0.tasksRunning -= 1 }
    }

    func warning(_ message: String) { inner.warning(message) }

    // MARK: Keeping the file

    private func update(_ course: String, _ change: (inout CourseState) -> Void) {
        state.withLock { s in
            var c = s.courses[course] ?? CourseState()
            change(&c)
            c.percent = max(c.percent, Self.percent(c))
            if s.courses[course] != c { s.courses[course] = c; s.dirty = true }
        }
        flush(force: false)
    }

    private static func percent(_ c: CourseState) -> Int {
        let (start, width) = c.stage.span
        let fraction: Double
        switch c.stage {
        case .analyse: fraction = c.documents.map { $0 == 0 ? 1 : Double(c.analysed) / Double($0) } ?? 0
        case .generate: fraction = c.modules.map { $0 == 0 ? 1 : Double(c.generated) / Double($0) } ?? 0
        default: fraction = 0
        }
        return min(100, Int(start + width * min(1, fraction)))
    }

    /// Writes the file when it is due (or `force`), from the calling task; a task that finds
    /// another one writing goes on. Each task pays O(1) unless it is the one that writes.
    private func flush(force: Bool) {
        let now = clock.nanosecondsSinceEpoch()
        let snapshot: ProgressFile? = state.withLock { s in
            guard !s.writing, force || (s.working && s.dirty && now >= s.nextWrite) else { return nil }
            s.writing = true
            s.dirty = false
            return ProgressFile(courses: s.courses.mapValues { ProgressFile.Course(stage: $0.stage, percent: $0.percent,
                                                                                   step: $0.step, started: $0.started) },
                                workers: s.lanes, tasksRunning: max(0, s.tasksRunning), tasksFinished: s.tasksFinished,
                                tasksFailed: s.tasksFailed, started: s.firstStart,
                                midEnd: s.endTimes.isEmpty ? nil : s.endTimes[(s.endTimes.count - 1) / 2], now: now, finished: s.finished)
        }
        guard var snapshot else { return }
        snapshot.llm = llmTotals()
        _ = try? fileSystem.write(path, snapshot.encode(), durable: true)
        let spent = clock.nanosecondsSinceEpoch() - now
        state.withLock { s in
            s.writing = false
            s.writes += 1
            s.nextWrite = now + max(Self.interval, spent * Self.maximumShare)
        }
    }
}
