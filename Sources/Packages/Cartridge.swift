import Foundation
import Markup

/// A course as an IMS Common Cartridge (`.imscc`, 1.1 by default, which Moodle and Canvas
/// import; 1.3 as an option): `imsmanifest.xml` whose organization is the course's
/// pathway, each module a web-content page (`pages/<slug>.html`) followed by its
/// questions as a QTI 1.2 assessment (`<id>/assessment.xml`: an assessment resource has
/// no `href` and exactly one file, as the CC profile requires). A chapter's images and
/// downloads sit beside its page (`pages/assets/…`), listed as files of its resource.
public struct Cartridge {
    public enum Version: String, Sendable {
        case v1_1 = "1.1", v1_3 = "1.3"

        var namespace: String {
            switch self {
            case .v1_1: "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
            case .v1_3: "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
            }
        }
        var lomManifest: String {
            switch self {
            case .v1_1: "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
            case .v1_3: "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
            }
        }
        var schemaVersion: String { self == .v1_1 ? "1.1.0" : "1.3.0" }
        var assessmentType: String { self == .v1_1 ? "imsqti_xmlv1p2/imscc_xmlv1p1/assessment" : "imsqti_xmlv1p2/imscc_xmlv1p3/assessment" }
    }

    public let book: Book
    public let version: Version
    /// The bytes of each `assets/<digest>.<ext>` the chapters use: put beside their pages.
    public let assets: [String: Data]

    public init(book: Book, version: Version = .v1_1, assets: [String: Data] = [:]) {
        self.book = book
        self.version = version
        self.assets = assets
    }

    public func bytes() throws -> Data {
        var zip = ZipFile()
        zip.add("imsmanifest.xml", manifest())
        for (index, part) in book.parts.enumerated() {
            zip.add(Cartridge.pageFile(part.slug), page(part, number: index + 1))
            if !part.questions.isEmpty {
                zip.add("\(Cartridge.assessment(part.slug))/assessment.xml",
                        QTIAssessment(ident: Cartridge.assessment(part.slug), title: "Check: \(part.title)",
                                      questions: part.questions).xml())
            }
        }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) {
            zip.add("pages/" + name, data, compressed: !EPUBResources.isCompressed(name))
        }
        return try zip.bytes()
    }

    static func assessment(_ slug: String) -> String { "A_" + identifier(slug) }
    /// A module's page, named by its slug made safe for a URL.
    static func pageFile(_ slug: String) -> String { "pages/" + identifier(slug) + ".html" }
    static func page(_ slug: String) -> String { "R_" + identifier(slug) }

    /// The files a hand-written chapter names, in order.
    static func assetNames(of part: Book.Part) -> [String] {
        guard case .chapter(let chapter) = part else { return [] }
        return (chapter.assets ?? [:]).keys.sorted()
    }

    /// `text` as an XML name (letters, digits, `_`, `-`, `.`), as identifiers must be.
    static func identifier(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar)
                ? Character(scalar) : "_"
        })
    }

    func manifest() -> String {
        let e = XHTML.escape
        var items = ""
        var resources = ""
        for part in book.parts {
            let id = Cartridge.identifier(part.slug)
            items += "        <item identifier=\"I_\(id)\">\n          <title>\(e(part.title))</title>\n"
            items += "          <item identifier=\"I_\(id)_page\" identifierref=\"\(Cartridge.page(part.slug))\"><title>\(e(part.title))</title></item>\n"
            resources += "    <resource identifier=\"\(Cartridge.page(part.slug))\" type=\"webcontent\" href=\"\(Cartridge.pageFile(part.slug))\">\n"
                + "      <file href=\"\(Cartridge.pageFile(part.slug))\"/>\n"
                + Cartridge.assetNames(of: part).filter { assets[$0] != nil }.map { "      <file href=\"pages/\(e($0))\"/>\n" }.joined()
                + "    </resource>\n"
            if !part.questions.isEmpty {
                let assessment = Cartridge.assessment(part.slug)
                items += "          <item identifier=\"I_\(id)_check\" identifierref=\"\(assessment)\"><title>Check: \(e(part.title))</title></item>\n"
                resources += "    <resource identifier=\"\(assessment)\" type=\"\(version.assessmentType)\">\n"
                    + "      <file href=\"\(assessment)/assessment.xml\"/>\n    </resource>\n"
            }
            items += "        </item>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest identifier="M_\(Cartridge.identifier(book.id))" xmlns="\(version.namespace)"
              xmlns:lomimscc="\(version.lomManifest)">
              <metadata>
                <schema>IMS Common Cartridge</schema>
                <schemaversion>\(version.schemaVersion)</schemaversion>
                <lomimscc:lom>
                  <lomimscc:general>
                    <lomimscc:title><lomimscc:string language="en">\(e(book.title))</lomimscc:string></lomimscc:title>
                    <lomimscc:language>en</lomimscc:language>
                    <lomimscc:description><lomimscc:string language="en">\(e(book.description))</lomimscc:string></lomimscc:description>
                  </lomimscc:general>
                </lomimscc:lom>
              </metadata>
              <organizations>
                <organization identifier="O_1" structure="rooted-hierarchy">
                  <item identifier="I_root">
            \(items)      </item>
                </organization>
              </organizations>
              <resources>
            \(resources)  </resources>
            </manifest>

            """
    }

    /// A module's page: its text and parts, without its questions (they are the assessment).
    func page(_ part: Book.Part, number: Int) -> String {
        var shown = part
        if case .module(var module) = part {
            module.questions = []
            shown = .module(module)
        }
        let slugs = Set(book.parts.map(\.slug))
        let body = ChapterHTML(part: shown, number: number) {
            slugs.contains($0) ? String(Cartridge.pageFile($0).dropFirst("pages/".count)) : ""
        }.html()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(XHTML.escape(part.title))</title>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}
