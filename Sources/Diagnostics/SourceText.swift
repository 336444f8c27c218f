import Foundation

/// A project file's bytes as the text the readers parse: UTF-8, with a byte-order mark
/// dropped and CRLF (or a lone CR) read as LF, so a file saved by any editor reads the
/// same. A file in UTF-16 or UTF-32 is refused with its encoding named.
public enum SourceText {
    public struct EncodingError: Error, CustomStringConvertible, Equatable {
        public var encoding: String
        public var description: String { "the file is \(encoding), not UTF-8; save it as UTF-8" }
    }

    public static func decode(_ bytes: Data) throws(EncodingError) -> String {
        let head = [UInt8](bytes.prefix(4))
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { throw EncodingError(encoding: "UTF-32 (big-endian)") }
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { throw EncodingError(encoding: "UTF-32 (little-endian)") }
        if head.starts(with: [0xFE, 0xFF]) { throw EncodingError(encoding: "UTF-16 (big-endian)") }
        if head.starts(with: [0xFF, 0xFE]) { throw EncodingError(encoding: "UTF-16 (little-endian)") }
        // UTF-16 without a mark: every other byte of ASCII text is zero.
        let sample = [UInt8](bytes.prefix(64))
        if sample.count >= 8, sample.enumerated().filter({ $0.offset % 2 == 1 }).allSatisfy({ $0.element == 0 }) {
            throw EncodingError(encoding: "UTF-16 (little-endian)")
        }
        var text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...], as: UTF8.self)
        if bytes.withUnsafeBytes({ $0.firstIndex(of: 0x0D) != nil }) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }
}
