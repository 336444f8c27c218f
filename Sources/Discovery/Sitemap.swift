import Foundation

/// A sitemap (sitemaps.org): either an index of other sitemaps or a set of page URLs.
public struct Sitemap: Sendable, Equatable {
    public enum Kind: Sendable { case index, pages }
    public var kind: Kind
    /// The `<loc>` of each entry, in the file's order.
    public var locations: [String]

    /// Parses a sitemap's bytes; nil when they are not a sitemap (or not XML at all).
    public static func parse(_ bytes: Data) -> Sitemap? {
        guard let tree = MarkupTree.xml(bytes) else { return nil }
        // local-name(): the namespace is sitemaps.org's, but some sites omit or vary it.
        if !tree.nodes("/*[local-name()='sitemapindex']").isEmpty {
            return Sitemap(kind: .index, locations: tree.texts("/*/*[local-name()='sitemap']/*[local-name()='loc']"))
        }
        if !tree.nodes("/*[local-name()='urlset']").isEmpty {
            return Sitemap(kind: .pages, locations: tree.texts("/*/*[local-name()='url']/*[local-name()='loc']"))
        }
        return nil
    }
}
