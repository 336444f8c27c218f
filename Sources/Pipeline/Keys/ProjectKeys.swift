import Catalog
import Engine
import LLM

// The keys of the project as a whole: one node each, or one per file or step. A failure
// of one of them stops the whole build (they have no course), unless `-k`.

/// `settings:` — scrollbuild.yml, parsed, with its diagnostics.
struct SettingsKey: SingletonKey {
    typealias Value = SettingsRule.Value
    static let kind = "settings"
}

/// `catalog:` — every course file, parsed and checked together.
struct CatalogKey: SingletonKey {
    typealias Value = Catalog
    static let kind = "catalog"
}

/// `dependents:` — each course named as a prerequisite → the courses that name it.
struct DependentsKey: SingletonKey {
    typealias Value = [String: [String]]
    static let kind = "dependents"
}

/// `entry:<file>` — one catalog file, parsed.
struct EntryKey: TypedKey {
    typealias Value = CatalogEntry
    static let kind = "entry"
    var file: String
    var name: String { file }
    init(file: String) { self.file = file }
    init?(name: String) { self.init(file: name) }
}

/// `templates:` — the theme's Mustache templates, parsed.
struct TemplatesKey: SingletonKey {
    typealias Value = Theme
    static let kind = "templates"
}

/// `asset:<name>` — a file of the theme copied into the site; its value is its digest.
struct AssetKey: TypedKey {
    typealias Value = String
    static let kind = "asset"
    var file: String
    var name: String { file }
    init(_ file: String) { self.file = file }
    init?(name: String) { self.init(name) }
    static let stylesheet = AssetKey("style.css")
    /// The theme's script: the dark-mode toggle and the catalog's filters.
    static let script = AssetKey("site.js")
}

/// `site:` — the whole site; its value lists the courses it holds.
struct SiteKey: SingletonKey {
    typealias Value = [String]
    static let kind = "site"
}

/// `sitefiles:` — `404.html`, and with `site.base_url` `sitemap.xml` and `feed.xml` (its value:
/// their digest).
struct SiteFilesKey: SingletonKey {
    typealias Value = String
    static let kind = "sitefiles"
}

/// `prereqmap:` — `prerequisites.svg`, the catalog's prerequisites drawn by Graphviz (its
/// value: the file's name, empty when no course has a prerequisite).
struct PrerequisiteMapKey: SingletonKey {
    typealias Value = String
    static let kind = "prereqmap"
}

/// `searchindex:` — `search-index.js`, every built course's search entries (its value: the file's digest).
struct SearchIndexKey: SingletonKey {
    typealias Value = String
    static let kind = "searchindex"
}

/// `catalogdata:` — `api/catalog.json`, every course in brief (its value: the file's digest).
struct CatalogDataKey: SingletonKey {
    typealias Value = String
    static let kind = "catalogdata"
}

/// `llmconfig:` — the LLM settings in effect: scrollbuild.yml's with the environment's overrides.
struct LLMConfigKey: SingletonKey {
    typealias Value = LLMSettings
    static let kind = "llmconfig"
}

/// `prompt:<step>` — a step's prompt templates.
struct PromptKey: TypedKey {
    typealias Value = PromptRule.Value
    static let kind = "prompt"
    var step: String
    var name: String { step }
    init(_ step: String) { self.step = step }
    init?(name: String) { self.init(name) }
}

/// `schema:<step>` — a step's JSON Schema, canonical.
struct SchemaKey: TypedKey {
    typealias Value = JSONValue
    static let kind = "schema"
    var step: String
    var name: String { step }
    init(_ step: String) { self.step = step }
    init?(name: String) { self.init(name) }
}

/// `lock:` — scrollbuild.lock's text, from every repository course's pin ("" without any).
struct LockKey: SingletonKey {
    typealias Value = String
    static let kind = "lock"
}
