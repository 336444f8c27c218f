/// What a theme template reads: the page's fields, typed, so that rendering needs no
/// dynamic casts. Literals build it as they would a `[String: Any]`:
/// `["title": .text(course.title), "pages": 12, "current": true]`.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A list of objects, from any sequence of field dictionaries.
    public static func objects<S: Sequence>(_ items: S) -> TemplateValue where S.Element == [String: TemplateValue] {
        .list(items.map { .object($0) })
    }

    /// A field of an object; `nil` for a missing field or a value that is not an object.
    func child(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }

    /// The same value as swift-mustache reads it (`String`, `Bool`, `Int`, `[Any]`,
    /// `[String: Any]`), for themes that use Mustache beyond the fast renderer's subset.
    var mustacheObject: Any {
        switch self {
        case .text(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let items): items.map(\.mustacheObject)
        case .object(let fields): fields.mapValues(\.mustacheObject)
        }
    }
}

extension TemplateValue: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
