/// A JSON Schema, as the steps declare them in `schemas/`, for the subset we use:
/// `type` (one or a list), `properties`, `required`, `additionalProperties`, `enum`,
/// `items`, `minItems`/`maxItems`, `minLength`/`maxLength`, `minimum`/`maximum`.
///
/// Every answer is validated here against the full schema, whatever the provider
/// promised; `strictForm` is the copy sent to a provider's strict structured-output mode.
public struct JSONSchema: Sendable, Hashable {
    public let value: JSONValue

    public init(_ value: JSONValue) { self.value = value }

    /// One way in which a value does not fit: `path` is where (`$.questions[2].answer`).
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Everything wrong with `instance`, in document order; empty when it fits.
    public func violations(of instance: JSONValue) -> [Violation] {
        var found: [Violation] = []
        JSONSchema.check(instance, against: value, at: "$", into: &found)
        return found
    }

    private static func check(_ instance: JSONValue, against schema: JSONValue, at path: String, into found: inout [Violation]) {
        if let types = schema["type"].map(typeNames), !types.isEmpty {
            let actual = instance.typeName
            let fits = types.contains(actual) || (actual == "integer" && types.contains("number"))
            guard fits else {
                found.append(Violation(path: path, message: "expected \(types.joined(separator: " or ")), found \(actual)"))
                return
            }
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(instance) {
            let listed = allowed.map(\.canonicalText).joined(separator: ", ")
            found.append(Violation(path: path, message: "\(instance.canonicalText) is not one of \(listed)"))
        }
        switch instance {
        case .object(let fields):
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where fields[name] == nil {
                found.append(Violation(path: path, message: "missing required property '\(name)'"))
            }
            for name in fields.keys.sorted() {
                if let property = properties[name] {
                    check(fields[name]!, against: property, at: path + "." + name, into: &found)
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append(Violation(path: path, message: "unexpected property '\(name)'"))
                }
            }
        case .array(let items):
            if let least = schema["minItems"]?.int, items.count < least {
                found.append(Violation(path: path, message: "has \(items.count) items, fewer than the minimum \(least)"))
            }
            if let most = schema["maxItems"]?.int, items.count > most {
                found.append(Violation(path: path, message: "has \(items.count) items, more than the maximum \(most)"))
            }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)[\(i)]", into: &found) }
            }
        case .string(let text):
            let length = text.count
            if let least = schema["minLength"]?.int, length < least {
                found.append(Violation(path: path, message: "is \(length) characters long, shorter than the minimum \(least)"))
            }
            if let most = schema["maxLength"]?.int, length > most {
                found.append(Violation(path: path, message: "is \(length) characters long, longer than the maximum \(most)"))
            }
        case .number(let n):
            if let least = schema["minimum"]?.number, n < least {
                found.append(Violation(path: path, message: "\(instance.canonicalText) is less than the minimum \(JSONValue.number(least).canonicalText)"))
            }
            if let most = schema["maximum"]?.number, n > most {
                found.append(Violation(path: path, message: "\(instance.canonicalText) is more than the maximum \(JSONValue.number(most).canonicalText)"))
            }
        default:
            break
        }
    }

    private static func typeNames(_ type: JSONValue) -> [String] {
        if let one = type.string { return [one] }
        return type.array?.compactMap(\.string) ?? []
    }

    // MARK: Strict mode

    /// Keywords that OpenAI's strict mode rejects; they stay enforced locally.
    static let unsupportedInStrictMode: Set<String> = [
        "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern", "format",
        "default", "examples", "$schema", "$id",
    ]

    /// The schema as strict structured output accepts it: every object lists all its
    /// properties as required, an optional property becomes a union with null, every
    /// object has `additionalProperties: false`, and rejected keywords are left out.
    public var strictForm: JSONValue { JSONSchema.strict(value) }

    private static func strict(_ schema: JSONValue) -> JSONValue {
        guard case .object(var fields) = schema else { return schema }
        for keyword in unsupportedInStrictMode { fields[keyword] = nil }
        if let items = fields["items"] { fields["items"] = strict(items) }
        if case .object(let properties)? = fields["properties"] {
            let required = Set(fields["required"]?.array?.compactMap(\.string) ?? [])
            var rewritten: [String: JSONValue] = [:]
            for (name, property) in properties {
                rewritten[name] = required.contains(name) ? strict(property) : nullable(strict(property))
            }
            fields["properties"] = .object(rewritten)
            fields["required"] = .array(properties.keys.sorted().map(JSONValue.string))
            fields["additionalProperties"] = false
        }
        return .object(fields)
    }

    /// `instance` with the nulls a strict-mode answer puts in optional properties taken
    /// out again, so that it can be checked against the full schema.
    public func withoutNullOptionals(_ instance: JSONValue) -> JSONValue {
        JSONSchema.dropNulls(instance, schema: value)
    }

    private static func dropNulls(_ instance: JSONValue, schema: JSONValue) -> JSONValue {
        switch instance {
        case .object(let fields):
            let properties = schema["properties"]?.object ?? [:]
            let required = Set(schema["required"]?.array?.compactMap(\.string) ?? [])
            var kept: [String: JSONValue] = [:]
            for (name, field) in fields {
                if field == .null, !required.contains(name) { continue }
                kept[name] = properties[name].map { dropNulls(field, schema: $0) } ?? field
            }
            return .object(kept)
        case .array(let items):
            guard let itemSchema = schema["items"] else { return instance }
            return .array(items.map { dropNulls($0, schema: itemSchema) })
        default:
            return instance
        }
    }

    private static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var fields) = schema else { return schema }
        var types = fields["type"].map(typeNames) ?? []
        guard !types.isEmpty, !types.contains("null") else { return schema }
        types.append("null")
        fields["type"] = .array(types.map(JSONValue.string))
        if case .array(let allowed)? = fields["enum"] { fields["enum"] = .array(allowed + [.null]) }
        return .object(fields)
    }
}
