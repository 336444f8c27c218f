import Foundation

/// A Khan Academy topic page (a subject, course or unit) as its server renders it: the
/// heading, else the Open Graph title, else the document title before " | Khan Academy";
/// the meta description.
struct KhanPage: Sendable {
    var title: String?
    var description: String?

    init(_ bytes: Data) {
        let tree = MarkupTree.html(bytes)
        title = tree?.text("//main//h1") ?? tree?.text("//h1")
            ?? tree?.nodes("//meta[@property='og:title']/@content").first.map { MarkupTree.text(of: $0) }
            ?? tree?.text("//title").map { String($0.components(separatedBy: " | ").first ?? $0) }
        title = nonEmpty(title)
        description = nonEmpty(
            (tree?.nodes("//meta[@name='description']/@content") ?? tree?.nodes("//meta[@property='og:description']/@content"))?
                .first.map { MarkupTree.text(of: $0) })
    }
}
