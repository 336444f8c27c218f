import Catalog
import Engine
import Foundation

/// `outputs:` is the kinds of output this build makes: every kind, or those `--outputs`
/// names (given to the build as an input, so changing it reruns only what reads it).
struct OutputFilterRule: TypedRule {
    let version = 1

    /// The build input holding `--outputs`, comma-separated (empty: every kind).
    static let input = "outputs"

    func compute(_ key: OutputFilterKey, in context: RuleContext) async throws -> [Output] {
        let given = String(decoding: try await context.input(OutputFilterRule.input), as: UTF8.self)
        guard !given.isEmpty else { return Output.allCases }
        return given.split(separator: ",").compactMap { Output(rawValue: String($0)) }
    }
}

extension RuleContext {
    /// The outputs `course` gets in this build: those it asks for that `--outputs` allows.
    /// An EPUB or a PDF is a book, so asking for either asks for the book's parts too.
    func outputs(of course: Course) async throws -> Set<Output> {
        let allowed = Set(try await need(OutputFilterKey()))
        var wanted = Set(course.outputs)
        if !wanted.isDisjoint(with: [.epub, .pdf]) { wanted.insert(.book) }
        return wanted.intersection(allowed)
    }
}
