import Diagnostics

/// One course or book of the catalog, as its file describes it.
///
/// Holds no source locations, so reformatting a file without changing what it says
/// leaves the value byte-identical, and nothing built from it rebuilds.
public struct Course: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var subject: String
    public var level: Level
    /// Free text about who the course is for; passed to generators.
    public var audience: String?
    public var outputs: [Output]
    public var priority: Priority
    /// Ids of courses to take first.
    public var prerequisites: [String]
    public var source: CourseSource
    /// Markdown: the body of a Markdown course file, or `description` in JSON.
    public var description: String

    public init(id: String, title: String, subject: String, level: Level, audience: String?, outputs: [Output],
                priority: Priority, prerequisites: [String], source: CourseSource, description: String) {
        self.id = id
        self.title = title
        self.subject = subject
        self.level = level
        self.audience = audience
        self.outputs = outputs
        self.priority = priority
        self.prerequisites = prerequisites
        self.source = source
        self.description = description
    }
}

public enum Level: String, Sendable, Codable, CaseIterable {
    case beginner, intermediate, advanced
}

/// What to produce from a course: its pages (`site`), its book's parts (`book`: each
/// chapter's exercises, prompts, study guide…; an EPUB or a PDF implies it), and packages.
public enum Output: String, Sendable, Codable, CaseIterable {
    case site, book, epub, pdf, cartridge, anki
}

/// Ordering hints for large builds.
public struct Priority: Sendable, Codable, Equatable {
    public var enrollment: Int?
    /// `YYYY-MM-DD`.
    public var created: String?

    public init(enrollment: Int? = nil, created: String? = nil) {
        self.enrollment = enrollment
        self.created = created
    }
}

/// Where a course's material comes from: exactly one kind.
public enum CourseSource: Sendable, Codable, Equatable {
    /// Hand-written chapters under `content/<id>/`: the listed files in order, or every
    /// `.md` file there sorted by name when `chapters` is nil.
    case content(chapters: [String]?)
    /// A hand-written outline.
    case modules([Module])
    /// A documentation repository (built by a later stage; validated now).
    case repo(url: String, ref: String, folders: [String], overview: String?)
    /// A course another site publishes (`scrollbuild discover` writes these under
    /// `catalog/external/`): metadata and a link; its only page is its own.
    case external(ExternalLink)

    /// The repository's fields, for a `repo` source.
    public var repository: Repository? {
        if case .repo(let url, let ref, let folders, let overview) = self {
            return Repository(url: url, ref: ref, folders: folders, overview: overview)
        }
        return nil
    }

    public var isRepository: Bool { repository != nil }

    /// The other site's course, for an `external` source.
    public var external: ExternalLink? {
        if case .external(let link) = self { return link }
        return nil
    }

    /// A `repo` source's fields, as one value.
    public struct Repository: Sendable, Equatable {
        public var url: String
        public var ref: String
        /// The folders whose documents the course draws on.
        public var folders: [String]
        /// The document that introduces the course, if any.
        public var overview: String?
    }
}

/// One module of an outline.
public struct Module: Sendable, Codable, Equatable {
    public var title: String
    public var lectures: [String]
    /// Markdown written under the module, if any.
    public var summary: String?
    /// Source notes (Markdown) the generate step draws on.
    public var notes: String?

    public init(title: String, lectures: [String], summary: String? = nil, notes: String? = nil) {
        self.title = title
        self.lectures = lectures
        self.summary = summary
        self.notes = notes
    }
}
