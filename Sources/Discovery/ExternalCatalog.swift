import Catalog
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

    /// Writes the courses' entries, their prerequisites resolved against each other and
    /// the entries already here (a course's own `prerequisites`, given by id, are kept);
    /// what changed, the unknown references and the cycles go to the report. With
    /// `listed` (everything the site lists, for a run that read all of it), entries of
    /// courses not in it are retired.
    public func publish(_ courses: [ExternalCourse], listed: Set<String>?, prune: Bool, into report: inout ImportReport) {
        let ids = Set(courses.map(\.id))
        let targets = courses.map { PrerequisiteGraph.Target(id: $0.id, numbers: $0.courseNumbers, year: $0.year) }
            + self.targets().filter { !ids.contains($0.id) }
        let graph = PrerequisiteGraph.resolve(courses, targets: targets)
        report.unknownPrerequisites += graph.unknown.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var edges: [String: [String]] = [:]
        for var course in courses {
            for id in graph.edges[course.id] ?? [] where !course.prerequisites.contains(id) { course.prerequisites.append(id) }
            edges[course.id] = course.prerequisites
            report.edges += course.prerequisites.count
            if course.prerequisitesOpen { report.openPrerequisites.append(course.id) }
            do {
                switch try write(course) {
                case .new: report.new.append(course.id)
                case .changed: report.changed.append(course.id)
                case .unchanged: report.unchanged += 1
                }
            } catch {
                report.failures.append((path(of: course.id), "cannot write the entry: \(error)"))
            }
        }
        report.cycles = PrerequisiteCycles.find(in: edges)
        guard let listed else { return }
        do {
            report.removed = try retire(keeping: listed, prune: prune)
        } catch {
            report.failures.append((folder, "cannot mark removed entries: \(error)"))
        }
    }

    /// The entries in the folder (not those marked removed) as the sync report compares them.
    public func reportCourses() -> [SyncReport.Course] {
        listedEntries().map { id, entry, source in
            let units = (source["units"]?.array ?? []).compactMap { $0["title"]?.string }
            let text = ([entry["subject"]?.string, entry["description"]?.string].compactMap { $0 }
                        + (source["topics"]?.array ?? []).compactMap(\.string) + units).joined(separator: "\n")
            return SyncReport.Course(id: id, title: entry["title"]?.string ?? id, text: text,
                                     prerequisites: (entry["prerequisites"]?.array ?? []).compactMap(\.string))
        }
    }

    /// The entries in the folder as courses a prerequisite can name (not those marked removed).
    public func targets() -> [PrerequisiteGraph.Target] {
        listedEntries().map { id, _, source in
            PrerequisiteGraph.Target(id: id, numbers: (source["course_numbers"]?.array ?? []).compactMap(\.string),
                                            year: source["year"]?.string)
        }
    }

    /// Each entry that reads as JSON and is not marked removed: its id, itself, its source.
    private func listedEntries() -> [(id: String, entry: JSONValue, source: JSONValue)] {
        ids().compactMap { id in
            guard let bytes = try? fileSystem.read(path(of: id)), let entry = try? JSONValue(parsing: bytes),
                  let source = entry["source"], source["removed"] != JSONValue.bool(true) else { return nil }
            return (id, entry, source)
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
