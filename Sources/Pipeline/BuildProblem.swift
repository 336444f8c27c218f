import Engine
import LLM

/// A failure of the build with the context a person needs, added as it rises from the
/// engine (as Publish's `PublishingError` does): the course, the step, the file to look
/// at, and the error itself, whose type tells a budget stop or a deferred call apart.
public struct BuildProblem: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Something to fix.
        case failed
        /// The budget stopped the call before it was sent; a larger budget continues.
        case heldByBudget
        /// The call went into a batch; a later run picks up its answer.
        case deferredToBatch
    }

    /// The task that failed.
    public var key: BuildKey
    /// The course it belongs to, if any.
    public var course: String?
    /// The file to look at: the course's catalog file, or the source that could not be read.
    public var file: String?
    public var kind: Kind
    /// What went wrong, as the failing step said it.
    public var message: String
    /// The error the step threw.
    public var underlying: (any Error)?

    init(_ failure: BuildFailure, courseFiles: [String: String]) {
        key = failure.key
        message = failure.message
        underlying = failure.underlying
        course = PipelineKeys.course(of: failure.key)
        if failure.key.isSource, !failure.key.isInput {
            file = failure.key.sourcePath
        } else {
            file = course.flatMap { courseFiles[$0] }
        }
        switch failure.underlying as? LLMError {
        case .budgetExhausted?: kind = .heldByBudget
        case .deferredToBatch?: kind = .deferredToBatch
        default: kind = .failed
        }
    }

    /// Like a compiler's: `catalog/x.md: error: fetch:x: cannot reach …`.
    public var rendered: String {
        (file.map { $0 + ": " } ?? "") + "error: \(key): \(message)"
    }
}
