import Catalog
import Engine
import Git
import LLM
import Markup
import Render

// The keys of a course's generated modules and of a repository course:
// fetch → scan → document → analyse → plan → pathway → moduleplan → sources → generate.

/// `fetch:<id>` — the commit the course's ref resolves to (or its plain folder).
struct FetchKey: CourseIDKey {
    typealias Value = SourceRevision
    static let kind = "fetch"
    static let stage: CourseStage? = .fetch
    var course: String
}

/// `scan:<id>` — the documents under the course's folders at its commit.
struct ScanKey: CourseIDKey {
    typealias Value = Scan
    static let kind = "scan"
    static let stage: CourseStage? = .scan
    var course: String
}

/// `order:<id>` — the documents in the authors' reading order, the reference pages, and
/// what is left out of the pathway with why.
struct OrderKey: CourseIDKey {
    typealias Value = ReadingOrder
    static let kind = "order"
    static let stage: CourseStage? = .scan
    var course: String
}

/// A document as keys name it: its blob (or content digest) and format, `<blob>.<format>`.
struct DocumentRef: Sendable, Hashable, Codable {
    var blob: String
    var format: DocumentFormat

    var name: String { blob + "." + format.rawValue }

    init(blob: String, format: DocumentFormat) {
        self.blob = blob
        self.format = format
    }

    init?(name: String) {
        guard let dot = name.firstIndex(of: "."),
              let format = DocumentFormat(rawValue: String(name[name.index(after: dot)...])) else { return nil }
        self.init(blob: String(name[..<dot]), format: format)
    }
}

/// A key of one document of a course: `<id>/<blob>.<format>`.
protocol DocumentScopedKey: CourseScopedKey {
    var document: DocumentRef { get }
    init(course: String, document: DocumentRef)
}

extension DocumentScopedKey {
    var name: String { course + "/" + document.name }
    var step: String { Self.kind + " " + document.name }
    init?(name: String) {
        guard let path = CoursePath(name), let document = DocumentRef(name: path.rest) else { return nil }
        self.init(course: path.course, document: document)
    }
}

/// `document:<id>/<blob>.<format>` — one document's text.
struct DocumentKey: DocumentScopedKey {
    typealias Value = DocumentText
    static let kind = "document"
    static let stage: CourseStage? = .scan
    var course: String
    var document: DocumentRef
}

/// `analyse:<id>/<blob>.<format>` — what one document teaches (the model's answer).
struct AnalyseKey: DocumentScopedKey {
    typealias Value = JSONValue
    static let kind = "analyse"
    static let stage: CourseStage? = .analyse
    var course: String
    var document: DocumentRef
}

/// `plan:<id>` — pathway options (the model's answer).
struct PlanKey: CourseIDKey {
    typealias Value = JSONValue
    static let kind = "plan"
    static let stage: CourseStage? = .plan
    var course: String
}

/// `pathway:<id>` — the pathway in effect.
struct PathwayKey: CourseIDKey {
    typealias Value = Pathway
    static let kind = "pathway"
    static let stage: CourseStage? = .plan
    var course: String
}

/// `links:<id>` — which module page holds each document, for links between documents:
/// cut off unless a document moves to another module, so other pathway edits leave pages be.
struct LinkTargetsKey: CourseIDKey {
    typealias Value = LinkTargets
    static let kind = "links"
    static let stage: CourseStage? = .plan
    var course: String
}

/// `titles:<id>` — the titles of a course's modules, sorted: what the duplicate-title check
/// compares with, cut off when only the order or the minutes change.
struct ModuleTitlesKey: CourseIDKey {
    typealias Value = [String]
    static let kind = "titles"
    static let stage: CourseStage? = .plan
    var course: String
}

/// A module of a course as keys name it: `<id>/<slug>`.
protocol ModuleKey: CourseScopedKey {
    var slug: String { get }
    init(course: String, slug: String)
}

extension ModuleKey {
    var name: String { course + "/" + slug }
    var step: String { Self.kind + " " + slug }
    init?(name: String) {
        guard let path = CoursePath(name), !path.rest.contains("/") else { return nil }
        self.init(course: path.course, slug: path.rest)
    }
}

/// `moduleplan:<id>/<slug>` — one module's entry in the chosen option.
struct ModulePlanKey: ModuleKey {
    typealias Value = Pathway.PlannedModule
    static let kind = "moduleplan"
    static let stage: CourseStage? = .generate
    var course: String
    var slug: String
}

/// `sources:<id>/<slug>` — the documents one module draws on.
struct SourcesKey: ModuleKey {
    typealias Value = [ScannedDocument]
    static let kind = "sources"
    static let stage: CourseStage? = .generate
    var course: String
    var slug: String
}

/// `generate:<id>/<slug>` — one module, written, scored and maybe written again.
struct GenerateKey: ModuleKey {
    typealias Value = ModuleResult
    static let kind = "generate"
    static let stage: CourseStage? = .generate
    var course: String
    var slug: String
}
