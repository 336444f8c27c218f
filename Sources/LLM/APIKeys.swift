import Foundation
import Synchronization

/// The API keys the environment holds, by the variable that holds them. Which variable a
/// call reads comes with the call (`CallPolicy.keyVariable`, from scrollbuild.yml's
/// `llm.api_key_env`), so the settings file is read only by the build.
public final class APIKeys: Sendable {
    /// The variable read when a call names none.
    public static let defaultVariable = "SCROLLBUILD_API_KEY"

    private let variables: [String: String]
    private let rings = Mutex<[String: KeyRing]>([:])

    /// - Parameter variables: the process environment.
    public init(_ variables: [String: String]) { self.variables = variables }

    /// The keys in `variable` (the default one for nil), the same ring on every call, so
    /// that a rotation after a 429 holds for the calls that follow.
    public func ring(_ variable: String?) -> KeyRing {
        let name = variable ?? APIKeys.defaultVariable
        return rings.withLock { rings in
            if let ring = rings[name] { return ring }
            let ring = KeyRing(variables[name])
            rings[name] = ring
            return ring
        }
    }
}

/// The API keys of a provider, used in turn: a 429 on one key moves every later call on
/// to the next.
public final class KeyRing: Sendable {
    private let keys: [String]
    private let current = Mutex<Int>(0)

    /// `list` is the environment variable's value: keys separated by commas.
    public init(_ list: String?) {
        keys = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var all: [String] { keys }

    /// The key to use now.
    public func key() -> String? {
        keys.isEmpty ? nil : keys[current.withLock { $0 } % keys.count]
    }

    /// `key` was refused for its rate: move on, unless another caller already did.
    public func rotate(after key: String?) {
        guard keys.count > 1 else { return }
        current.withLock { index in
            if keys[index % keys.count] == key { index = (index + 1) % keys.count }
        }
    }
}

extension KeyRing {
    /// The shortest run of a key's first characters that counts as the key: a provider's
    /// error that quotes `sk-proj-abc…` gives away as much as the whole key.
    public static let revealingPrefix = 8

    /// `text` with every key, and every run of 8 or more of a key's first characters,
    /// replaced by `[redacted]`: for messages that quote a provider.
    public func redact(_ text: String) -> String {
        var result = text
        // A key shorter than the prefix is redacted where it appears whole.
        for key in all where key.count < KeyRing.revealingPrefix { result = result.replacingOccurrences(of: key, with: "[redacted]") }
        for key in all where key.count >= KeyRing.revealingPrefix {
            let head = String(key.prefix(KeyRing.revealingPrefix))
            var searchFrom = result.startIndex
            while let found = result.range(of: head, range: searchFrom..<result.endIndex) {
                // Extend the match as far as the text goes on as the key does.
                var end = found.upperBound
                var keyIndex = key.index(key.startIndex, offsetBy: KeyRing.revealingPrefix)
                while end < result.endIndex, keyIndex < key.endIndex, result[end] == key[keyIndex] {
                    end = result.index(after: end)
                    keyIndex = key.index(after: keyIndex)
                }
                result.replaceSubrange(found.lowerBound..<end, with: "[redacted]")
                searchFrom = result.index(found.lowerBound, offsetBy: "[redacted]".count)
            }
        }
        return result
    }

    /// True when `text` holds a key, or 8 or more of a key's first characters (a key
    /// shorter than that: the whole key).
    public func leaks(into text: String) -> Bool {
        all.contains { text.contains($0.prefix(KeyRing.revealingPrefix)) }
    }
}
