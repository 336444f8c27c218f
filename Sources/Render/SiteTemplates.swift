import Mustache

/// The theme's Mustache templates, parsed once, by name (`course` for `course.mustache`).
/// Partials (`{{> header}}`) resolve among the same templates. swift-mustache parses
/// every template; `FastRenderer` renders them when the theme keeps to its subset.
public struct SiteTemplates: Sendable {
    let library: MustacheLibrary
    let fast: FastRenderer?

    /// Templates every theme must provide.
    public static let required = ["index", "course", "chapter", "module", "sources"]

    /// A template that does not parse, or a missing one.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var template: String
        public var message: String
        public var description: String { "\(template): \(message)" }
    }

    /// - Parameter sources: template name → Mustache text.
    public init(_ sources: [String: String]) throws {
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do { try library.register(text, named: name) } catch {
                throw Failure(template: name + ".mustache", message: "does not parse: \(error)")
            }
        }
        for name in SiteTemplates.required where library.getTemplate(named: name) == nil {
            throw Failure(template: name + ".mustache", message: "is missing from the theme")
        }
        self.library = library
        fast = FastRenderer(sources)
    }

    /// Whether pages go through `FastRenderer` (false: the theme uses Mustache beyond it).
    public var isFast: Bool { fast != nil }

    func render(_ name: String, _ context: TemplateValue) -> String {
        if let fast, let page = fast.render(name, context) { return page }
        return library.render(context.mustacheObject, withTemplate: name) ?? ""
    }

    /// The page by swift-mustache alone: what `render` must equal.
    func renderWithLibrary(_ name: String, _ context: TemplateValue) -> String {
        library.render(context.mustacheObject, withTemplate: name) ?? ""
    }
}
