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
}
