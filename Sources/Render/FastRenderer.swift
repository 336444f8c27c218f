/// Renders `FastTemplate`s over a `TemplateValue`: the same bytes swift-mustache gives for
/// the same template and the same values as `Any`, without its per-lookup dynamic casts
/// and per-character escaping (at 100,000 pages they were a quarter of a full build).
struct FastRenderer: Sendable {
    typealias Node = FastTemplate.Node
    let templates: [String: FastTemplate]

    /// Every template compiled, or nil when one of them uses Mustache beyond the subset.
    init?(_ sources: [String: String]) {
        var templates: [String: FastTemplate] = [:]
        for (name, text) in sources {
            guard let template = FastTemplate(text) else { return nil }
            templates[name] = template
        }
        self.templates = templates
    }

    /// The page, or nil when the theme has no template of that name.
    func render(_ name: String, _ value: TemplateValue) -> String? {
        guard let template = templates[name] else { return nil }
        var stack = [value]
        var out = ""
        render(template.nodes, &stack, indentation: nil, into: &out)
        return out
    }

    /// A body at a partial's indentation: swift-mustache indents each non-empty piece that
    /// starts a line of the body's own output.
    private func render(_ nodes: [Node], _ stack: inout [TemplateValue], indentation: String?, into out: inout String) {
        guard let indentation, !indentation.isEmpty else {
            for node in nodes { render(node, &stack, indentation: nil, into: &out) }
            return
        }
        var local = ""
        for node in nodes {
            var piece = ""
            render(node, &stack, indentation: indentation, into: &piece)
            if !piece.isEmpty, local.last == "\n" { local += indentation }
            local += piece
        }
        out += local
    }

    private func render(_ node: Node, _ stack: inout [TemplateValue], indentation: String?, into out: inout String) {
        switch node {
        case .text(let text):
            out += text
        case .variable(let path, let escaped):
            guard let value = lookup(path, in: stack) else { return }
            let text: String
            switch value {
            case .text(let string): text = string
            case .bool(let flag): text = flag ? "true" : "false"
            case .int(let number): text = String(number)
            case .list, .object: text = String(describing: value.mustacheObject)
            }
            if escaped { FastRenderer.appendEscaped(text, to: &out) } else { out += text }
        case .section(let path, let body, let inverted):
            let value = lookup(path, in: stack)
            if inverted {
                switch value {
                case nil, .bool(false)?, .list([])?: render(body, &stack, indentation: indentation, into: &out)
                default: break
                }
                return
            }
            switch value {
            case nil, .bool(false)?: break
            case .bool(true)?: render(body, &stack, indentation: indentation, into: &out)
            case .list(let items)?:
                for item in items {
                    stack.append(item)
                    render(body, &stack, indentation: indentation, into: &out)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                render(body, &stack, indentation: indentation, into: &out)
                stack.removeLast()
            }
        case .partial(let name, let indented):
            guard let template = templates[name] else { return }
            let inner = indented.map { (indentation ?? "") + $0 } ?? indentation
            render(template.nodes, &stack, indentation: inner, into: &out)
        }
    }

    private func lookup(_ path: FastTemplate.Path, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.parts.first else { return stack.last }
        var found: TemplateValue?
        if path.anchored {
            found = stack.last?.child(first)
        } else {
            for level in stack.reversed() {
                if let value = level.child(first) { found = value; break }
            }
        }
        for part in path.parts.dropFirst() { found = found?.child(part) }
        return found
    }

    /// `&`, `<`, `>`, `"` and `'` as swift-mustache writes them; the runs between are
    /// copied whole.
    static func appendEscaped(_ text: String, to out: inout String) {
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let replacement: String?
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: replacement = nil
            }
            if let replacement {
                out += text[start..<index]
                out += replacement
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        out += text[start..<bytes.endIndex]
    }
}
