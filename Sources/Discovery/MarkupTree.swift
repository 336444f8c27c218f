@preconcurrency import CXML2
import Foundation

/// A parsed XML or HTML document (libxml2), asked questions by XPath. XML is parsed
/// strictly and without the network or entity expansion; HTML by libxml2's forgiving
/// parser, as browsers read tag soup.
final class MarkupTree {
    private let document: xmlDocPtr

    private init(_ document: xmlDocPtr) { self.document = document }

    deinit { xmlFreeDoc(document) }

    /// A well-formed XML document, or nil. One that declares entities is refused whole:
    /// sitemaps have no use for them, and reading their text would expand them (libxml2
    /// stops a "billion laughs", not a smaller amplification).
    static func xml(_ bytes: Data) -> MarkupTree? {
        guard bytes.range(of: Data("<!ENTITY".utf8)) == nil else { return nil }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBytes { raw -> xmlDocPtr? in
            xmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
        }
        return parsed.map(MarkupTree.init)
    }

    /// Any HTML, however broken; nil only for no bytes at all.
    static func html(_ bytes: Data) -> MarkupTree? {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        let parsed = bytes.withUnsafeBytes { raw -> htmlDocPtr? in
            htmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, "UTF-8", options)
        }
        return parsed.map(MarkupTree.init)
    }

    /// The nodes `xpath` selects, in document order.
    func nodes(_ xpath: String) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    /// The text of each node `xpath` selects, whitespace collapsed; empty texts left out.
    func texts(_ xpath: String) -> [String] {
        nodes(xpath).map { MarkupTree.text(of: $0) }.filter { !$0.isEmpty }
    }

    /// The first non-empty text `xpath` selects.
    func text(_ xpath: String) -> String? { texts(xpath).first }

    /// A node's text, runs of whitespace made one space.
    static func text(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { xmlFree(content) }
        return String(cString: content).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The element's name in lower case (nil for text and comments).
    static func elementName(_ node: xmlNodePtr) -> String? {
        guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return nil }
        return String(cString: name).lowercased()
    }

    /// The heading level of an `h1`…`h6` element.
    static func headingLevel(_ node: xmlNodePtr) -> Int? {
        guard let name = elementName(node), name.count == 2, name.first == "h",
              let level = Int(String(name.last!)), (1...6).contains(level) else { return nil }
        return level
    }
}
