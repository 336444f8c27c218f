import Foundation
import Git

/// `scrollbuild.lock`: the commit each repository course's ref resolved to, so a build
/// can be repeated exactly (`--locked`). JSON, sorted, one pin per URL and ref.
enum LockFile {
    static let name = "scrollbuild.lock"

    private struct File: Codable {
        var version: Int
        var repositories: [GitPin]
    }

    static func slot(_ url: String, _ ref: String) -> String { url + "\n" + ref }

    /// The pins of a lock file; nil when it is not one.
    static func parse(_ data: Data) -> [GitPin]? {
        (try? JSONDecoder().decode(File.self, from: data))?.repositories
    }

    static func render(_ pins: [GitPin]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let sorted = pins.sorted { ($0.url, $0.ref) < ($1.url, $1.ref) }
        return try encoder.encode(File(version: 1, repositories: sorted)) + Data("\n".utf8)
    }
}
