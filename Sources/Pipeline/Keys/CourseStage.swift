/// The stages of a course, in order, with the share of its percentage each covers
/// (progress.json). Each course-scoped key type names the stage its tasks belong to.
enum CourseStage: String, CaseIterable, Sendable {
    case queued, fetch, scan, analyse, plan, generate, render, package, done, failed

    var span: (start: Double, width: Double) {
        switch self {
        case .queued: (0, 0)
        case .fetch: (0, 10)
        case .scan: (10, 5)
        case .analyse: (15, 35)
        case .plan: (50, 5)
        case .generate: (55, 40)
        case .render: (95, 3)
        case .package: (98, 2)
        case .done, .failed: (100, 0)
        }
    }
}
