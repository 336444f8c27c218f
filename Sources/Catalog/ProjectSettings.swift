import Diagnostics

/// `scrollbuild.yml`: the project's settings. Every field is optional; a project with no
/// settings file builds with the defaults below.
public struct ProjectSettings: Sendable, Codable, Equatable {
    /// Shown in every page's header and the browser title.
    public var siteTitle = "Courses"
    /// A sentence under the title on the index page.
    public var siteDescription = ""
    /// Where the site will be published (for absolute links in later outputs); pages
    /// themselves link relatively and never need it.
    public var baseURL = ""
    public var catalogPath = "catalog"
    public var contentPath = "content"
    public var templatesPath = "site-templates"
    /// The LLM steps' prompt templates (`<step>.mustache`, and `system.mustache`).
    public var promptsPath = "prompts"
    /// The LLM steps' JSON Schemas (`<step>.json`).
    public var schemasPath = "schemas"
    public var llm = LLMSettings()
    /// The hosts the git token (SCROLLBUILD_GIT_TOKEN) may be sent to, over HTTPS only.
    public var gitTokenHosts = ["github.com"]
    public var evaluation = EvaluationSettings()
    public var packages = PackageSettings()
    public var cache = CacheSettings()
    public var discover = DiscoverSettings()

    public init() {}

    /// Reads the settings file's text; problems come back as diagnostics, with defaults used.
    public static func read(_ text: String, file: String) -> (ProjectSettings, [Diagnostic]) {
        var settings = ProjectSettings()
        let (tree, syntax) = YAMLReader.read(text, file: file)
        var diagnostics = syntax
        guard let tree, var top = FieldReader(tree, context: "scrollbuild.yml", diagnostics: &diagnostics) else {
            return (settings, diagnostics)
        }
        if let site = top.raw("site"), var fields = FieldReader(site, context: "site", diagnostics: &diagnostics) {
            settings.siteTitle = fields.string("title") ?? settings.siteTitle
            settings.siteDescription = fields.string("description") ?? settings.siteDescription
            settings.baseURL = fields.string("base_url") ?? settings.baseURL
            diagnostics += fields.finish()
        }
        if let paths = top.raw("paths"), var fields = FieldReader(paths, context: "paths", diagnostics: &diagnostics) {
            settings.catalogPath = fields.string("catalog") ?? settings.catalogPath
            settings.contentPath = fields.string("content") ?? settings.contentPath
            settings.templatesPath = fields.string("templates") ?? settings.templatesPath
            settings.promptsPath = fields.string("prompts") ?? settings.promptsPath
            settings.schemasPath = fields.string("schemas") ?? settings.schemasPath
            diagnostics += fields.finish()
        }
        if let git = top.raw("git"), var fields = FieldReader(git, context: "git", diagnostics: &diagnostics) {
            settings.gitTokenHosts = fields.strings("token_hosts")?.map(\.0) ?? settings.gitTokenHosts
            diagnostics += fields.finish()
        }
        if let llm = top.raw("llm") { settings.llm = LLMSettings.read(llm, diagnostics: &diagnostics) }
        if let evaluation = top.raw("evaluation") {
            settings.evaluation = EvaluationSettings.read(evaluation, diagnostics: &diagnostics)
        }
        if let packages = top.raw("packages") {
            settings.packages = PackageSettings.read(packages, diagnostics: &diagnostics)
        }
        if let cache = top.raw("cache"), var fields = FieldReader(cache, context: "cache", diagnostics: &diagnostics) {
            settings.cache.remote = fields.string("remote")
            settings.cache.write = fields.bool("write") ?? settings.cache.write
            diagnostics += fields.finish()
        }
        if let discover = top.raw("discover"), var fields = FieldReader(discover, context: "discover", diagnostics: &diagnostics) {
            settings.discover.contact = fields.string("contact")
            settings.discover.delayMilliseconds = fields.integer("delay_ms") ?? settings.discover.delayMilliseconds
            settings.discover.attempts = fields.integer("attempts") ?? settings.discover.attempts
            settings.discover.backoffMilliseconds = fields.integer("backoff_ms") ?? settings.discover.backoffMilliseconds
            settings.discover.timeoutMilliseconds = fields.integer("timeout_ms") ?? settings.discover.timeoutMilliseconds
            diagnostics += fields.finish()
        }
        diagnostics += top.finish()
        return (settings, diagnostics.sorted())
    }
}

/// `evaluation:`: how generated modules are graded, and what to do with a low grade.
public struct EvaluationSettings: Sendable, Codable, Equatable {
    /// A module scoring below this (0 to 1) is regenerated with the critique.
    public var threshold = 0.8
    /// How many times a module may be regenerated before it is flagged.
    public var regenerations = 2
    /// The house style: sections every module should have, and themes to weave through.
    public var sections: [String] = []
    public var themes: [String] = []

    public init() {}

    static func read(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> EvaluationSettings {
        var settings = EvaluationSettings()
        guard var fields = FieldReader(value, context: "evaluation", diagnostics: &diagnostics) else { return settings }
        if let threshold = fields.number("threshold") {
            if (0...1).contains(threshold) { settings.threshold = threshold } else {
                fields.diagnostics.append(.error("'threshold' must be between 0 and 1", at: value.location))
            }
        }
        if let regenerations = fields.integer("regenerations") {
            if (0...5).contains(regenerations) { settings.regenerations = regenerations } else {
                fields.diagnostics.append(.error("'regenerations' must be from 0 to 5", at: value.location))
            }
        }
        settings.sections = fields.strings("sections")?.map(\.0) ?? []
        settings.themes = fields.strings("themes")?.map(\.0) ?? []
        diagnostics += fields.finish()
        return settings
    }
}

/// `packages:`: the project's packages beyond each course's own.
public struct PackageSettings: Sendable, Codable, Equatable {
    /// Write `api/catalog.sqlite`: the whole catalog and its generated content.
    public var sqlite = false
    /// The IMS Common Cartridge version of cartridges: 1.1 (Moodle and Canvas import it) or 1.3.
    public var cartridgeVersion = CartridgeVersion.v1_1

    public enum CartridgeVersion: String, Sendable, Codable, CaseIterable {
        case v1_1 = "1.1", v1_3 = "1.3"
    }

    public init() {}

    static func read(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> PackageSettings {
        var settings = PackageSettings()
        guard var fields = FieldReader(value, context: "packages", diagnostics: &diagnostics) else { return settings }
        settings.sqlite = fields.bool("sqlite") ?? settings.sqlite
        if let (version, _) = fields.choice("cartridge_version", CartridgeVersion.allCases.map(\.rawValue)),
           let known = CartridgeVersion(rawValue: version) {
            settings.cartridgeVersion = known
        }
        diagnostics += fields.finish()
        return settings
    }
}

/// `discover:`: how `scrollbuild discover` treats the sites it reads.
public struct DiscoverSettings: Sendable, Codable, Equatable {
    /// A URL where a site's operators can reach the project, sent in the user agent.
    public var contact: String?
    /// The least time between two requests to one host.
    public var delayMilliseconds = 500
    /// Attempts per page on 429, 5xx and dropped connections.
    public var attempts = 4
    /// The first retry's backoff; it doubles with each attempt.
    public var backoffMilliseconds = 1000
    public var timeoutMilliseconds = 30_000

    public init() {}
}

/// `cache:`: a remote cache the team's machines share (the Bazel HTTP cache protocol).
public struct CacheSettings: Sendable, Codable, Equatable {
    /// Its base URL; nil for none. `SCROLLBUILD_REMOTE_CACHE` overrides it.
    public var remote: String?
    /// False for jobs that only read it. `SCROLLBUILD_REMOTE_CACHE_WRITE=0` says so too.
    public var write = true

    public init(remote: String? = nil, write: Bool = true) {
        self.remote = remote
        self.write = write
    }
}
