import Foundation
import Store

/// The values a build is given from outside the project — a command-line flag, the
/// environment's overrides — as `input:<name>` keys: sources whose "stat" is their value.
/// A rule reads one with `RuleContext.input(_:)`; it reruns when the value differs from
/// the last build's, and no file is written for the engine to notice.
public struct BuildInputs: Sendable {
    private var values: [String: Data]

    public init(_ values: [String: Data] = [:]) { self.values = values }

    /// The value of input `name`; empty when none was given.
    public func value(_ name: String) -> Data { values[name] ?? Data() }

    func value(of key: BuildKey) -> Data { value(key.name) }

    func digest(of key: BuildKey) -> ContentHash { ContentHash(of: value(of: key)) }
}
