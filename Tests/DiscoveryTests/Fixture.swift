import Foundation

/// The OpenCourseWare fixture site's files (Tests/Fixtures/ocw-site), as the server
/// would send them to a client at `base`.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ocw-site")

    static func bytes(_ path: String, base: String = "https://ocw.mit.edu") throws -> Data {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return Data(text.replacingOccurrences(of: "{{base}}", with: base).utf8)
    }
}
