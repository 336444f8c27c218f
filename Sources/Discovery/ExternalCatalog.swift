import Effects
import Foundation
import LLM

/// The folder of one provider's entries, `catalog/external/<provider>/`, kept in step
/// with what the provider lists: an entry is written (atomically) as soon as its course is
/// read, so a killed run keeps what it did; one the provider no longer lists is marked
/// `removed`, and deleted only when asked (`--prune`).
public struct ExternalCatalog: Sendable {
    public let folder: String
    let fileSystem: any FileSystem

    public enum Change: String, Sendable {
        case new, changed, unchanged
    }

    public init(folder: String, fileSystem: any FileSystem) {
        self.folder = folder
        self.fileSystem = fileSystem
    }

    func path(of id: String) -> String { "\(folder)/\(id).json" }

    /// Writes the course's entry when its text differs from the file's.
    public func write(_ course: ExternalCourse) throws -> Change {
        let text = Data(course.catalogJSON().utf8)
        let old = try? fileSystem.read(path(of: course.id))
        if old == text { return .unchanged }
        try fileSystem.writeAtomically(path(of: course.id), text)
        return old == nil ? .new : .changed
    }

    /// Removes the temporary files of writes a kill cut short.
    public func removeLeftovers() {
        for name in (try? fileSystem.list(folder)) ?? [] where name.contains(".tmp.") {
            try? fileSystem.remove("\(folder)/\(name)")
        }
    }

    /// The ids of the entries in the folder.
    public func ids() -> [String] {
        ((try? fileSystem.list(folder)) ?? []).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    /// The entries in the folder as courses a prerequisite can name (not those marked removed).
    public func targets() -> [PrerequisiteGraph.Target] {
        ids().compactMap { id in
            guard let bytes = try? fileSystem.read(path(of: id)), let entry = try? JSONValue(parsing: bytes),
                  let source = entry["source"], source["removed"] != JSONValue.bool(true) else { return nil }
            return PrerequisiteGraph.Target(id: id, numbers: (source["course_numbers"]?.array ?? []).compactMap(\.string),
                                            year: source["year"]?.string)
        }
    }

    /// Marks (or, with `prune`, deletes) every entry whose id is not in `listed`; returns
    /// the ids newly marked or deleted. An entry marked before is not counted again.
    public func retire(keeping listed: Set<String>, prune: Bool) throws -> [String] {
        var retired: [String] = []
        for id in ids() where !listed.contains(id) {
            if prune {
                try fileSystem.remove(path(of: id))
                retired.append(id)
                continue
            }
            guard let bytes = try? fileSystem.read(path(of: id)), let entry = try? JSONValue(parsing: bytes),
                  entry["source"]?["removed"] != JSONValue.bool(true) else { continue }
            try fileSystem.writeAtomically(path(of: id), Data(ExternalCatalog.markRemoved(String(decoding: bytes, as: UTF8.self)).utf8))
            retired.append(id)
        }
        return retired
    }

    /// The entry's text with `"removed": true` as the last field of its source.
    static func markRemoved(_ text: String) -> String {
        guard let end = text.range(of: "\n  }\n}", options: .backwards) else { return text }
        return String(text[..<end.lowerBound]) + ",\n    \"removed\": true" + String(text[end.lowerBound...])
    }
}
