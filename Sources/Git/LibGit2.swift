import CGit2
import Foundation

/// libgit2, started once per process, and its errors as Swift errors.
enum LibGit2 {
    private static let started: Bool = { git_libgit2_init() > 0 }()

    static func start() { _ = started }

    /// Throws the library's last error, prefixed with what was being done, when `code` is negative.
    static func check(_ code: Int32, _ doing: @autoclosure () -> String) throws {
        if code < 0 { throw GitError(doing() + ": " + lastMessage()) }
    }

    static func lastMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A git failure with a message for the user.
public struct GitError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A 40-hex object id, as libgit2 formats it.
func hex(_ oid: git_oid) -> String {
    var copy = oid
    var buffer = [CChar](repeating: 0, count: 41)
    git_oid_tostr(&buffer, 41, &copy)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func oid(_ hex: String) -> git_oid? {
    var out = git_oid()
    return git_oid_fromstr(&out, hex) == 0 ? out : nil
}

/// True for a full 40-hex commit id.
public func isCommitID(_ text: String) -> Bool {
    text.utf8.count == 40 && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
}
