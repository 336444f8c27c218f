import Effects
import Foundation
import Pipeline

/// The errors the last build printed, kept for `status`: written when there are any,
/// removed by the next build without (a clean no-op build writes nothing).
enum LastErrors {
    static func record(_ errors: [String], layout: BuildLayout, fileSystem: any FileSystem) {
        if errors.isEmpty {
            if fileSystem.stat(layout.lastErrors) != nil { try? fileSystem.remove(layout.lastErrors) }
        } else {
            _ = try? fileSystem.write(layout.lastErrors, Data((errors.joined(separator: "\n") + "\n").utf8), durable: false)
        }
    }

    static func read(_ layout: BuildLayout, fileSystem: any FileSystem) -> String? {
        guard let bytes = try? fileSystem.read(layout.lastErrors), !bytes.isEmpty else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
