@preconcurrency import CXML2
import Foundation

/// HTML made well-formed XML, for the XHTML of an EPUB: libxml2's forgiving HTML parser
/// reads the fragment and its XML serializer writes it back, so void elements close,
/// attributes get values and named entities become characters.
public enum XHTML {
    public static func fragment(_ html: String) -> String {
        let wrapped = "<html><head><meta charset=\"utf-8\"></head><body><div>" + html + "</div></body></html>"
        let bytes = Array(wrapped.utf8)
        let document = bytes.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8",
                               Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                                     | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue))
            }
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        guard let wrapper = find("div", under: xmlDocGetRootElement(document)) else { return "" }
        // Written as XML, not HTML: libxml2 picks its serializer by the document's type.
        document.pointee.type = XML_DOCUMENT_NODE
        var result = ""
        var child = wrapper.pointee.children
        while let node = child {
            result += serialize(node, in: document)
            child = node.pointee.next
        }
        return result
    }

    /// Text escaped for XML character data and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func find(_ name: String, under node: xmlNodePtr?) -> xmlNodePtr? {
        var node = node
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == name { return current }
            if let found = find(name, under: current.pointee.children) { return found }
            node = current.pointee.next
        }
        return nil
    }

    private static func serialize(_ node: xmlNodePtr, in document: xmlDocPtr) -> String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document, node, 0, 0)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}
