import Engine

/// The keys of the course pipeline, in one place, so every rule names its inputs the same way.
///
/// Course-level keys are named by course id; `locate:<id>` maps an id to its file, so
/// adding a course to the catalog reruns only the cheap `locate` rules (all cut off).
public enum Keys {
    public static let settings = BuildKey("settings", "")
    public static let catalog = BuildKey("catalog", "")
    public static let templates = BuildKey("templates", "")
    public static let site = BuildKey("site", "")
    public static func entry(_ file: String) -> BuildKey { BuildKey("entry", file) }
    public static func locate(_ id: String) -> BuildKey { BuildKey("locate", id) }
    public static func course(_ id: String) -> BuildKey { BuildKey("course", id) }
    public static func chapters(_ id: String) -> BuildKey { BuildKey("chapters", id) }
    public static func title(_ file: String) -> BuildKey { BuildKey("title", file) }
    public static func outline(_ id: String) -> BuildKey { BuildKey("outline", id) }
    public static func summary(_ id: String) -> BuildKey { BuildKey("summary", id) }
    public static func coursePages(_ id: String) -> BuildKey { BuildKey("coursepages", id) }
    /// A page by its path under the site folder (`index.html`, `<id>/index.html`, `<id>/<slug>.html`).
    public static func page(_ path: String) -> BuildKey { BuildKey("page", path) }
    public static func asset(_ name: String) -> BuildKey { BuildKey("asset", name) }
    /// The LLM settings in effect: scrollbuild.yml's, with the environment's overrides.
    public static let llmConfig = BuildKey("llmconfig", "")
    /// A step's prompt (its template and the shared system prompt) and its schema.
    public static func prompt(_ step: String) -> BuildKey { BuildKey("prompt", step) }
    public static func schema(_ step: String) -> BuildKey { BuildKey("schema", step) }
    /// A module, written by the generate step, scored by the evaluate step and written
    /// again with the critique while it scores below the threshold: named `<id>/<slug>`.
    public static func generate(_ course: String, _ slug: String) -> BuildKey { BuildKey("generate", course + "/" + slug) }

    // Repository courses: fetch → scan → document → analyse → plan → pathway → generate.
    /// The commit a repository course's ref resolves to (a `GitPin`).
    public static func fetch(_ id: String) -> BuildKey { BuildKey("fetch", id) }
    /// `scrollbuild.lock`, from every repository course's pin.
    public static let lock = BuildKey("lock", "")
    /// The documents under the course's folders at its commit, keyed by blob id.
    public static func scan(_ id: String) -> BuildKey { BuildKey("scan", id) }
    /// One document's text, named by course, blob id and format (`<id>/<blob>.<format>`).
    public static func document(_ id: String, _ document: String) -> BuildKey { BuildKey("document", id + "/" + document) }
    /// One document's analysis (the `analyse-document` step).
    public static func analyse(_ id: String, _ document: String) -> BuildKey { BuildKey("analyse", id + "/" + document) }
    /// Pathway options planned from the analyses (the `plan-pathways` step).
    public static func plan(_ id: String) -> BuildKey { BuildKey("plan", id) }
    /// The pathway in effect: `catalog/<id>.pathway.yml` as written, or freshly planned.
    public static func pathway(_ id: String) -> BuildKey { BuildKey("pathway", id) }
    /// One module's entry in the chosen option.
    public static func modulePlan(_ id: String, _ slug: String) -> BuildKey { BuildKey("moduleplan", id + "/" + slug) }
    /// The documents one module draws on.
    public static func sources(_ id: String, _ slug: String) -> BuildKey { BuildKey("sources", id + "/" + slug) }
}
