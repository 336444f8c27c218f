import Diagnostics

/// Reads the fields of one mapping, checking types and reporting unknown fields (with a
/// "did you mean"), so each decoder states only which fields it expects.
///
/// Every accessor records what it was asked for; `finish()` then reports the fields nobody
/// asked for. Problems are collected in `diagnostics`, never thrown.
struct FieldReader {
    let members: [SourceValue.Member]
    let location: SourceLocation
    let context: String
    private(set) var asked: [String] = []
    var diagnostics: [Diagnostic] = []

    /// `context` names the mapping in messages ("course", "source", "module").
    init?(_ value: SourceValue, context: String, diagnostics: inout [Diagnostic]) {
        guard case .object(let members) = value.kind else {
            diagnostics.append(.error("\(context) must be a mapping of fields, found \(value.typeName)", at: value.location))
            return nil
        }
        self.members = members
        self.location = value.location
        self.context = context
    }

    mutating func raw(_ key: String, required: Bool = false) -> SourceValue? {
        asked.append(key)
        guard let member = members.first(where: { $0.key == key }) else {
            if required {
                diagnostics.append(.error("\(context) is missing the required field '\(key)'", at: location))
            }
            return nil
        }
        if case .null = member.value.kind {
            if required { diagnostics.append(.error("'\(key)' must not be empty", at: member.value.location)) }
            return nil
        }
        return member.value
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = raw(key, required: required) else { return nil }
        switch value.kind {
        case .string(let s): return s
        case .number(let n): return n
        default:
            typeError(key, expected: "a string", value)
            return nil
        }
    }

    mutating func integer(_ key: String) -> Int? {
        guard let value = raw(key) else { return nil }
        if case .number(let n) = value.kind, let i = Int(n) { return i }
        typeError(key, expected: "a whole number", value)
        return nil
    }

    mutating func number(_ key: String) -> Double? {
        guard let value = raw(key) else { return nil }
        if case .number(let n) = value.kind, let d = Double(n) { return d }
        typeError(key, expected: "a number", value)
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = raw(key) else { return nil }
        if case .bool(let b) = value.kind { return b }
        typeError(key, expected: "true or false", value)
        return nil
    }

    /// A mapping whose keys are names the user chooses (model names, course ids): its
    /// members, in file order.
    mutating func members(_ key: String) -> [SourceValue.Member]? {
        guard let value = raw(key) else { return nil }
        guard case .object(let members) = value.kind else {
            typeError(key, expected: "a mapping", value)
            return nil
        }
        return members
    }

    mutating func strings(_ key: String) -> [(String, SourceLocation)]? {
        guard let value = raw(key) else { return nil }
        guard case .array(let items) = value.kind else {
            typeError(key, expected: "a list of strings", value)
            return nil
        }
        var out: [(String, SourceLocation)] = []
        for item in items {
            if case .string(let s) = item.kind { out.append((s, item.location)) } else {
                diagnostics.append(.error("each item of '\(key)' must be a string, found \(item.typeName)", at: item.location))
            }
        }
        return out
    }

    /// A string that must be one of `choices`.
    mutating func choice(_ key: String, _ choices: [String], required: Bool = false) -> (String, SourceLocation)? {
        guard let value = raw(key, required: required) else { return nil }
        guard case .string(let s) = value.kind else {
            typeError(key, expected: "one of \(choices.joined(separator: ", "))", value)
            return nil
        }
        guard choices.contains(s) else {
            let hint = Suggestion.closest(to: s, in: choices).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(.error("'\(key)' must be one of \(choices.joined(separator: ", ")), not '\(s)'\(hint)",
                                      at: value.location))
            return nil
        }
        return (s, value.location)
    }

    mutating func typeError(_ key: String, expected: String, _ value: SourceValue) {
        diagnostics.append(.error("'\(key)' must be \(expected), found \(value.typeName)", at: value.location))
    }

    /// Reports every field that no accessor asked for.
    mutating func finish() -> [Diagnostic] {
        for member in members where !asked.contains(member.key) {
            let hint = Suggestion.closest(to: member.key, in: asked).map { "; did you mean '\($0)'?" } ?? ""
            diagnostics.append(.error("unknown field '\(member.key)' in \(context)\(hint)", at: member.keyLocation))
        }
        return diagnostics
    }
}
