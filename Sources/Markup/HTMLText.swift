@preconcurrency import CXML2
import Foundation

/// The readable text of an HTML page, as Markdown-ish lines: headings become `#`
/// headings, paragraphs and list items their own lines; scripts, styles and navigation
/// are dropped. Parsed by libxml2's forgiving HTML parser.
enum HTMLText {
    static func markdown(_ bytes: Data) -> (String, title: String?) {
        let document = bytes.withUnsafeBytes { raw -> htmlDocPtr? in
            htmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, "UTF-8",
                           Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                                 | HTML_PARSE_NONET.rawValue))
        }
        guard let document else { return ("", nil) }
        defer { xmlFreeDoc(document) }
        var blocks: [String] = []
        var title: String?
        walk(xmlDocGetRootElement(document), blocks: &blocks, title: &title)
        return (blocks.joined(separator: "\n\n"), title)
    }

    private static let skipped: Set<String> = ["script", "style", "nav", "noscript", "template", "svg"]
    private static let blocks: Set<String> = ["p", "li", "pre", "blockquote", "td", "th", "dt", "dd", "figcaption"]

    private static func walk(_ node: xmlNodePtr?, blocks out: inout [String], title: inout String?) {
        var node = node
        while let current = node {
            defer { node = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = String(cString: current.pointee.name).lowercased()
            if name == "title" && title == nil { title = text(of: current) }
            if skipped.contains(name) { continue }
            if name.count == 2, name.first == "h", let level = Int(String(name.last!)), (1...6).contains(level) {
                let heading = text(of: current)
                if !heading.isEmpty {
                    out.append(String(repeating: "#", count: level) + " " + heading)
                    if level == 1 && title == nil { title = heading }
                }
            } else if blocks.contains(name) {
                let body = name == "pre" ? rawText(of: current) : text(of: current)
                if !body.isEmpty { out.append(name == "li" ? "- " + body : name == "pre" ? "```\n" + body + "\n```" : body) }
            } else {
                walk(current.pointee.children, blocks: &out, title: &title)
            }
        }
    }

    private static func rawText(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { xmlFree(content) }
        return String(cString: content).trimmingCharacters(in: .newlines)
    }

    /// The node's text with runs of whitespace made single spaces.
    private static func text(of node: xmlNodePtr) -> String {
        rawText(of: node).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
