import Catalog
import Engine
import Foundation
import Markup

/// Where links between a course's documents lead: the module page that holds each
/// document of the chosen pathway, and DocC article names (`doc:Name`) by their file.
struct LinkTargets: Codable, Equatable, Sendable {
    /// Document path → `<module>.html`.
    var pages: [String: String]
    /// File name without `.md` (spaces as `-`) → document path.
    var docNames: [String: String]
}

/// `links:<id>` computes `LinkTargets` from the pathway and the scan.
struct LinkTargetsRule: TypedRule {
    let version = 1

    func compute(_ key: LinkTargetsKey, in context: RuleContext) async throws -> LinkTargets {
        let pathway = try await context.need(PathwayKey(course: key.course))
        var pages: [String: String] = [:]
        for module in pathway.chosenOption.modules {
            for path in module.documents where pages[path] == nil { pages[path] = Href.page(module.id) }
        }
        let scan = try await context.need(ScanKey(course: key.course))
        let names = Dictionary(scan.documents.map { document in
            let file = document.path.split(separator: "/").last.map(String.init) ?? document.path
            return (String(file.split(separator: ".").first ?? Substring(file)).replacingOccurrences(of: " ", with: "-"), document.path)
        }, uniquingKeysWith: { a, _ in a })
        return LinkTargets(pages: pages, docNames: names)
    }
}

/// `titles:<id>` lists the course's module titles, sorted (see `ModuleTitlesKey`).
struct ModuleTitlesRule: TypedRule {
    let version = 1

    func compute(_ key: ModuleTitlesKey, in context: RuleContext) async throws -> [String] {
        try await context.need(OutlineKey(course: key.course)).entries.map(\.title).sorted()
    }
}
