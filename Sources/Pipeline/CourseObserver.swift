import Engine

/// A `BuildObserver` that also hears about courses: what the command line's progress shows
/// instead of task keys. The progress board tells it, when it is the board's observer.
public protocol CourseObserver: BuildObserver {
    /// The build's courses, before any task runs.
    func courses(_ count: Int)
    /// A task of `course` started: `step` says which, in words (`page commits.html`).
    func working(on course: String, step: String)
    /// Every page of `course` is written, or one of its tasks failed; said once per course.
    func courseEnded(_ course: String, failed: Bool)
}
