import Diagnostics

/// The checked catalog: which courses build, from which file, and every diagnostic of
/// every file, sorted by location.
public struct Catalog: Sendable, Codable, Equatable {
    /// One course that passed every check.
    public struct Item: Sendable, Codable, Equatable {
        public var id: String
        public var file: String
        /// Prerequisites that build themselves.
        public var prerequisites: [String]
        /// True when the course asks for more than its pages (a book, an EPUB, a deck…).
        public var packaged: Bool
        /// True for a course another site publishes: its page lists it and links there.
        public var external: Bool

        public init(id: String, file: String, prerequisites: [String], packaged: Bool = false, external: Bool = false) {
            self.id = id
            self.file = file
            self.prerequisites = prerequisites
            self.packaged = packaged
            self.external = external
        }
    }

    /// Courses that build, sorted by id.
    public var courses: [Item]
    public var diagnostics: [Diagnostic]

    public init(courses: [Item], diagnostics: [Diagnostic]) {
        self.courses = courses
        self.diagnostics = diagnostics
    }
}

extension Catalog {
    /// The course `id`, found by binary search (`courses` is sorted by id).
    public func course(_ id: String) -> Item? {
        var low = 0, high = courses.count
        while low < high {
            let middle = (low + high) / 2
            if courses[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < courses.count && courses[low].id == id ? courses[low] : nil
    }
}
