import Effects
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

    /// The pins of the lock file at `path`: none when there is no file; an error naming the
    /// file when it is there but unreadable or corrupt (never "nothing locked", which would
    /// let `--locked` enforce nothing).
    static func read(_ path: String, fileSystem: any FileSystem) throws -> [GitPin] {
        guard fileSystem.stat(path) != nil else { return [] }
        let data = try fileSystem.read(path)
        guard let pins = parse(data) else {
            throw LockFileError(path: path)
        }
        return pins
    }

    static func render(_ pins: [GitPin]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let sorted = pins.sorted { ($0.url, $0.ref) < ($1.url, $1.ref) }
        return try encoder.encode(File(version: 1, repositories: sorted)) + Data("\n".utf8)
    }
}

/// A `scrollbuild.lock` that is there but is not a lock file.
public struct LockFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String {
        "\(path) is not a valid lock file (JSON with 'version' and 'repositories'); fix it from version control, "
            + "or delete it to record the current commits"
    }
}
