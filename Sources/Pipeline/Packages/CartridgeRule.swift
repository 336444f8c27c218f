import Engine
import Foundation
import Packages
import Store

/// `cartridge:<id>` writes `<id>/<id>.imscc`, an IMS Common Cartridge of the course's
/// modules and their questions, at the version scrollbuild.yml names (`packages:
/// cartridge_version`, 1.1 by default).
struct CartridgeRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: CartridgeKey, in context: RuleContext) async throws -> String {
        let book = try await context.need(BookKey(course: key.course))
        let setting = try await context.settings().packages.cartridgeVersion
        let assets = try await context.bookAssets(book, environment: environment)
        let bytes = try Cartridge(book: book, version: setting == .v1_3 ? .v1_3 : .v1_1, assets: assets).bytes()
        try context.write(environment.sitePath(PackagesRule.path(key.course, "imscc")), bytes)
        return ContentHash(of: bytes).hex
    }
}
