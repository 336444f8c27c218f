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
    /// `text` with every key replaced by `[redacted]`: for messages that quote a provider.
    public func redact(_ text: String) -> String {
        all.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
