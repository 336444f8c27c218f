/// A theme template compiled for `FastRenderer`: the part of Mustache that themes use
/// (`{{name}}`, `{{{raw}}}` and `{{&raw}}`, sections, inverted sections, comments,
/// partials, dotted names), parsed by the rules swift-mustache follows, standalone lines
/// included, so both give the same bytes. `init` returns nil for anything else (set
/// delimiters, pragmas, inheritance, dynamic partials, transforms such as `{{index()}}`):
/// then swift-mustache renders the theme. swift-mustache has parsed every template first,
/// so a nil here never hides a syntax error.
struct FastTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Path, escaped: Bool)
        case section(Path, body: [Node], inverted: Bool)
        case partial(String, indentation: String?)
    }

    /// A dotted name: `a.b` finds `a` up the context stack, then `b` inside it; `.a` looks
    /// only in the top of the stack; `.` is the top itself.
    struct Path: Sendable {
        var parts: [String]
        var anchored: Bool

        init(_ name: String) {
            parts = name.split(separator: ".").map(String.init)
            anchored = name.first == "."
        }
    }

    let nodes: [Node]

    init?(_ text: String) {
        var reader = Reader(characters: Array(text))
        guard let nodes = reader.body(closing: nil) else { return nil }
        self.nodes = nodes
    }
}

/// Reads one template. `lineStart` is true while nothing but blanks has been read on the
/// current line, which is what makes a tag standalone.
private struct Reader {
    typealias Node = FastTemplate.Node
    let characters: [Character]
    var position = 0
    var lineStart = true

    init(characters: [Character]) { self.characters = characters }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialCharacters = nameCharacters.union(["/"])

    private var atEnd: Bool { position >= characters.count }
    private var current: Character? { atEnd ? nil : characters[position] }

    /// Nodes up to the end of the text, or up to `{{/closing}}`.
    mutating func body(closing: String?) -> [Node]? {
        var nodes: [Node] = []
        var blanks = ""
        while !atEnd {
            if lineStart { blanks = read(while: { $0 == " " || $0 == "\t" }) }
            let (text, atTag) = readText()
            if !atTag, let newline = current {
                nodes.append(.text(blanks + text + String(newline)))
                position += 1
                lineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(blanks + text))
                blanks = ""
                lineStart = false
            }
            guard atTag else { break }
            guard let kind = current else { return nil }
            var standalone = false
            switch kind {
            case "#", "^":
                position += 1
                guard let name = readName() else { return nil }
                standalone = isStandalone()
                if !standalone { flush(&blanks, into: &nodes) }
                lineStart = standalone
                guard let inner = body(closing: name) else { return nil }
                nodes.append(.section(FastTemplate.Path(name), body: inner, inverted: kind == "^"))
            case "/":
                position += 1
                guard let name = readName(), name == closing else { return nil }
                if !isStandalone() { flush(&blanks, into: &nodes) }
                return nodes
            case "!":
                position += 1
                guard skipComment() else { return nil }
                standalone = isStandalone()
            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                guard current != "*" else { return nil }
                let name = read(while: { Reader.partialCharacters.contains($0) })
                _ = read(while: \.isWhitespace)
                guard readCloser("}}") else { return nil }
                if !blanks.isEmpty { nodes.append(.text(blanks)) }
                standalone = isStandalone()
                nodes.append(.partial(name, indentation: standalone ? blanks : nil))
                blanks = ""
            case "{":
                flush(&blanks, into: &nodes)
                position += 1
                guard let name = readName(), readCloser("}") else { return nil }
                nodes.append(.variable(FastTemplate.Path(name), escaped: false))
            case "&":
                flush(&blanks, into: &nodes)
                position += 1
                guard let name = readName() else { return nil }
                nodes.append(.variable(FastTemplate.Path(name), escaped: false))
            case "=", "%", "<", "$":
                return nil
            default:
                flush(&blanks, into: &nodes)
                guard let name = readName() else { return nil }
                nodes.append(.variable(FastTemplate.Path(name), escaped: true))
            }
            lineStart = standalone
        }
        return closing == nil ? nodes : nil
    }

    private func flush(_ blanks: inout String, into nodes: inout [Node]) {
        if !blanks.isEmpty { nodes.append(.text(blanks)) }
        blanks = ""
    }

    /// Text up to a newline (not consumed) or past `{{`; `atTag` says which.
    private mutating func readText() -> (text: String, atTag: Bool) {
        var text = ""
        while let c = current {
            if c == "\n" || c == "\r\n" { return (text, false) }
            if c == "{", position + 1 < characters.count, characters[position + 1] == "{" {
                position += 2
                return (text, true)
            }
            text.append(c)
            position += 1
        }
        return (text, false)
    }

    /// A tag's name and its closing `}}`; nil for a transform (`index()`) or a malformed tag.
    private mutating func readName() -> String? {
        _ = read(while: \.isWhitespace)
        let name = read(while: { Reader.nameCharacters.contains($0) })
        _ = read(while: \.isWhitespace)
        return readCloser("}}") ? name : nil
    }

    private mutating func readCloser(_ closer: String) -> Bool {
        let expected = Array(closer)
        guard position + expected.count <= characters.count,
              Array(characters[position..<position + expected.count]) == expected else { return false }
        position += expected.count
        return true
    }

    private mutating func skipComment() -> Bool {
        while !atEnd {
            if readCloser("}}") { return true }
            position += 1
        }
        return false
    }

    /// A tag alone on its line: blanks before it (`lineStart`) and only blanks, then a
    /// newline or the end, after it. The rest of the line is consumed when it is.
    private mutating func isStandalone() -> Bool {
        guard lineStart else { return false }
        if atEnd { return true }
        var ahead = position
        while ahead < characters.count, characters[ahead] == " " || characters[ahead] == "\t" { ahead += 1 }
        guard ahead < characters.count, characters[ahead].isNewline else { return false }
        position = ahead + 1
        return true
    }

    private mutating func read(while accept: (Character) -> Bool) -> String {
        let start = position
        while let c = current, accept(c) { position += 1 }
        return String(characters[start..<position])
    }
}
