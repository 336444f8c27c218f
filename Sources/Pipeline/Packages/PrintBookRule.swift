import Engine
import Foundation
import Packages
import Store

/// `printbook:<id>` writes the book as one HTML document for the PDF renderer, with the
/// theme's `book-print.css`, under the build's state (`print/<id>.html`); its value is the
/// document's digest, which names the PDF made from it.
struct PrintBookRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    static func path(_ layout: BuildLayout, _ course: String) -> String { layout.state + "/print/\(course).html" }

    func compute(_ key: PrintBookKey, in context: RuleContext) async throws -> String {
        let book = try await context.need(BookKey(course: key.course))
        let stylesheet = try await context.themeFile("book-print.css", environment: environment)
        let assets = try await context.bookAssets(book, environment: environment)
        let bytes = Data(PrintBook(book: book, stylesheet: stylesheet, assets: assets).html().utf8)
        try context.write(PrintBookRule.path(environment.layout, key.course), bytes)
        return ContentHash(of: bytes).hex
    }
}
