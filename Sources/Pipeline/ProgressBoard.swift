import Effects
import Engine
import Foundation
import Git
import Synchronization

/// Where each course of a running build stands: its stage, a percentage and the current
/// step. Listens to the engine (as a `BuildObserver` in front of the caller's), learns
/// each course's size from the rules (documents scanned, modules planned), and rewrites
/// `<build>/.scrollbuild/progress.json` atomically, at most four times a second.
final class ProgressBoard: BuildObserver {
    /// The stages of a course, in order, with the share of the percentage each covers.
    enum Stage: String, CaseIterable {
        case queued, fetch, scan, analyse, plan, generate, render, done, failed

        var span: (start: Double, width: Double) {
            switch self {
            case .queued: (0, 0)
            case .fetch: (0, 10)
            case .scan: (10, 5)
            case .analyse: (15, 35)
            case .plan: (50, 5)
            case .generate: (55, 40)
            case .render: (95, 5)
            case .done, .failed: (100, 0)
            }
        }

        /// The stage a task of `kind` belongs to.
        init?(kind: Substring) {
            switch kind {
            case "fetch": self = .fetch
            case "scan", "document": self = .scan
            case "analyse": self = .analyse
            case "plan", "pathway": self = .plan
            case "generate", "moduleplan", "sources": self = .generate
            case "page", "coursepages", "outline": self = .render
            default: return nil
            }
        }
    }

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

        mutating func settle() {
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
        var lastWrite = ContinuousClock.now - .seconds(1)
        var dirty = false
        /// False until a task runs: a build with nothing to do leaves the file alone.
        var working = false
    }

    private let inner: any BuildObserver
    private let path: String
    private let fileSystem: any FileSystem
    private let state = Mutex(State())

    init(inner: any BuildObserver, path: String, fileSystem: any FileSystem) {
        self.inner = inner
        self.path = path
        self.fileSystem = fileSystem
    }

    /// Lists the courses of this build, all queued (written once a task runs).
    func begin(_ courses: [String]) {
        state.withLock { s in
            for id in courses where s.courses[id] == nil { s.courses[id] = CourseState() }
            s.dirty = true
        }
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
        }
        flush(force: state.withLock { $0.working } || fileSystem.stat(path) == nil)
    }

    // MARK: BuildObserver

    func started(_ key: BuildKey, reason: RunReason) {
        inner.started(key, reason: reason)
        state.withLock { $0.working = true }
        guard let (course, stage, step) = Self.place(key) else { return }
        update(course) { c in
            if stage == .fetch { c.isRepository = true }
            if key.kind == "generate" { c.generating = true }
            c.steps[stage] = step
            c.settle()
        }
    }

    func finished(_ key: BuildKey, cutOff: Bool) {
        inner.finished(key, cutOff: cutOff)
        guard let (course, stage, _) = Self.place(key) else { return }
        update(course) { c in
            if stage == .fetch { c.fetched = true }
            if key.kind == "analyse" { c.analysed += 1 }
            if key.kind == "generate" { c.generated += 1 }
            if stage == .fetch || stage == .plan { c.percent = max(c.percent, Int(stage.span.start + stage.span.width)) }
            c.settle()
        }
    }

    func failed(_ failure: BuildFailure) {
        inner.failed(failure)
        if let (course, stage, _) = Self.place(failure.key), stage == .fetch { update(course) { $0.fetched = true; $0.settle() } }
    }
    func warning(_ message: String) { inner.warning(message) }

    // MARK: Keeping the file

    /// The course, stage and step of a task key, for the keys that belong to one course.
    static func place(_ key: BuildKey) -> (String, Stage, String)? {
        guard let stage = Stage(kind: key.kind) else { return nil }
        let name = key.name
        let course = String(name.prefix { $0 != "/" })
        guard !course.isEmpty, course != "index.html", !course.hasSuffix(".css") else { return nil }
        let step = name.count > course.count ? String(name.dropFirst(course.count + 1)) : String(key.kind)
        return (course, stage, "\(key.kind) \(step)")
    }

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

    private func flush(force: Bool) {
        let snapshot: [String: CourseState]? = state.withLock { s in
            let now = ContinuousClock.now
            guard force || (s.working && s.dirty && now - s.lastWrite > .milliseconds(250)) else { return nil }
            s.lastWrite = now
            s.dirty = false
            return s.courses
        }
        guard let snapshot else { return }
        let courses = snapshot.mapValues { c in
            ["stage": c.stage.rawValue, "percent": c.percent, "step": c.step] as [String: Any]
        }
        let object: [String: Any] = ["courses": courses, "updated": ISO8601DateFormatter().string(from: Date())]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) {
            _ = try? fileSystem.write(path, data, durable: true)
        }
    }
}

extension ProgressBoard.Stage {
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
