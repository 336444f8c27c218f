import Foundation

/// Which courses of the catalog a build makes (`--subject`, `--level`, course globs,
/// `--shard`, `--limit`) and in which order they start (`--priority`).
public struct CourseSelection: Sendable, Codable, Equatable {
    /// The order courses start in, from their catalog `priority:` fields.
    public enum Order: Sendable, Codable, Equatable, CustomStringConvertible {
        /// By id, as the catalog lists them.
        case catalog
        /// Most enrolled first; courses without `enrollment` last.
        case enrollment
        /// Newest `created` first; courses without one last.
        case created
        /// By title.
        case alphabetical
        /// Shuffled, the same way for the same seed.
        case random(seed: UInt64)

        /// Reads `enrollment`, `created`, `alphabetical`, `random` or `random:<seed>`.
        public init?(parsing text: String, randomSeed: () -> UInt64 = { UInt64.random(in: 0...UInt64.max) }) {
            switch text {
            case "catalog": self = .catalog
            case "enrollment": self = .enrollment
            case "created": self = .created
            case "alphabetical": self = .alphabetical
            case "random": self = .random(seed: randomSeed())
            default:
                guard text.hasPrefix("random:"), let seed = UInt64(text.dropFirst("random:".count)) else { return nil }
                self = .random(seed: seed)
            }
        }

        public var description: String {
            switch self {
            case .catalog: "catalog"
            case .enrollment: "enrollment"
            case .created: "created"
            case .alphabetical: "alphabetical"
            case .random(let seed): "random:\(seed)"
            }
        }
    }

    /// One of `count` disjoint parts of the catalog, numbered from 1 (`--shard 2/3`).
    public struct Shard: Sendable, Codable, Equatable {
        public var index: Int
        public var count: Int

        /// Reads `i/n` with 1 ≤ i ≤ n.
        public init?(parsing text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
                  count >= 1, (1...count).contains(index) else { return nil }
            self.index = index
            self.count = count
        }

        /// True when `id` belongs to this shard: by a hash of the id, so every machine
        /// splits the catalog the same way and a new course moves no other.
        public func contains(_ id: String) -> Bool {
            Int(CourseSelection.hash(id) % UInt64(count)) == index - 1
        }
    }

    public var order: Order
    /// Shell globs over course ids; empty for every course.
    public var patterns: [String]
    public var subjects: [String]
    public var levels: [String]
    public var shard: Shard?
    /// At most this many courses, the first in `order`.
    public var limit: Int?

    public init(order: Order = .catalog, patterns: [String] = [], subjects: [String] = [], levels: [String] = [],
                shard: Shard? = nil, limit: Int? = nil) {
        self.order = order
        self.patterns = patterns
        self.subjects = subjects
        self.levels = levels
        self.shard = shard
        self.limit = limit
    }

    /// True when some course of the catalog may be left out.
    public var isPartial: Bool {
        !patterns.isEmpty || !subjects.isEmpty || !levels.isEmpty || shard != nil || limit != nil
    }

    /// What decides which courses are chosen: the order only matters with a limit, so a
    /// change of `--priority` alone changes nothing a build records.
    public var choosing: CourseSelection {
        var copy = self
        if limit == nil { copy.order = .catalog }
        return copy
    }

    /// A course as the selection sees it.
    public struct Candidate: Sendable, Codable, Equatable {
        public var id: String
        public var facets: CourseFacets

        public init(id: String, facets: CourseFacets) {
            self.id = id
            self.facets = facets
        }
    }

    /// The chosen courses, in the order they start.
    public func chosen(from courses: [Candidate]) -> [Candidate] {
        let matching = courses.filter { course in
            (patterns.isEmpty || patterns.contains { fnmatch($0, course.id, 0) == 0 })
                && (subjects.isEmpty || subjects.contains(course.facets.subject))
                && (levels.isEmpty || levels.contains(course.facets.level))
                && (shard?.contains(course.id) ?? true)
        }
        let ordered = ordered(matching)
        return limit.map { Array(ordered.prefix($0)) } ?? ordered
    }

    /// `courses` in this selection's order; ties by id.
    public func ordered(_ courses: [Candidate]) -> [Candidate] {
        func byID(_ a: Candidate, _ b: Candidate) -> Bool { a.id < b.id }
        switch order {
        case .catalog:
            return courses.sorted(by: byID)
        case .enrollment:
            return courses.sorted { a, b in
                let x = a.facets.priority.enrollment ?? -1, y = b.facets.priority.enrollment ?? -1
                return x != y ? x > y : byID(a, b)
            }
        case .created:
            // YYYY-MM-DD sorts as text; a course without a date comes last.
            return courses.sorted { a, b in
                let x = a.facets.priority.created ?? "", y = b.facets.priority.created ?? ""
                return x != y ? x > y : byID(a, b)
            }
        case .alphabetical:
            return courses.sorted { a, b in
                let x = a.facets.title.lowercased(), y = b.facets.title.lowercased()
                return x != y ? x < y : byID(a, b)
            }
        case .random(let seed):
            let keyed = courses.map { (CourseSelection.hash("\(seed):\($0.id)"), $0) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : byID($0.1, $1.1) }.map(\.1)
        }
    }

    /// FNV-1a, 64 bits: stable across machines and runs (Swift's `hashValue` is not).
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// A course's title, subject, level and priority fields: what `--subject`, `--level` and
/// `--priority` read.
public struct CourseFacets: Sendable, Codable, Equatable {
    public var title: String
    public var subject: String
    public var level: String
    public var priority: Priority

    public init(title: String = "", subject: String = "general", level: String = Level.beginner.rawValue,
                priority: Priority = Priority()) {
        self.title = title
        self.subject = subject
        self.level = level
        self.priority = priority
    }
}
