/// A prerequisites text no pattern settled, for a reader that understands prose.
public struct OpenPrerequisites: Sendable {
    /// The course's catalog id.
    public var id: String
    /// Its own course numbers (never its prerequisites).
    public var numbers: [String]
    public var text: String

    public init(id: String, numbers: [String], text: String) {
        self.id = id
        self.numbers = numbers
        self.text = text
    }
}

/// Reads the texts the patterns left open: the detect-prerequisites LLM step. Each
/// relation it returns carries its confidence and a quote of the text as evidence.
public protocol PrerequisiteReader: Sendable {
    /// Relations by course id; a course it could not read is absent (and stays open).
    func read(_ texts: [OpenPrerequisites]) async -> [String: [PrerequisiteEdge]]
}
