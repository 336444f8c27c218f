import Effects
import Foundation

/// What `scrollbuild clean` removes. Everything the build made, except what was paid for:
/// the LLM answers (`calls/` and the store objects they name), the call log and an
/// outstanding batch job — unless `everything` is asked for.
public struct BuildCleaner: Sendable {
    let layout: BuildLayout
    let fileSystem: any FileSystem

    public init(layout: BuildLayout, fileSystem: any FileSystem) {
        self.layout = layout
        self.fileSystem = fileSystem
    }

    /// State files kept unless `everything`: the answers' index, the call log (with its
    /// WAL files) and an outstanding batch job.
    static let paidFor: Set<String> = ["calls", "calls.sqlite", "calls.sqlite-wal", "calls.sqlite-shm", "batch.json"]

    /// Removes the build's outputs and state; returns how many cached answers were kept.
    @discardableResult
    public func clean(everything: Bool) throws -> Int {
        let state = layout.state
        for name in try fileSystem.list(layout.root) where layout.root + "/" + name != state {
            try fileSystem.remove(layout.root + "/" + name)
        }
        guard fileSystem.stat(state) != nil else { return 0 }
        let kept = everything ? [] : try answerObjects()
        for name in try fileSystem.list(state) where state + "/" + name != layout.buildLock {
            if !everything && BuildCleaner.paidFor.contains(name) { continue }
            if !everything && name == "objects" {
                try removeObjects(except: kept)
                continue
            }
            try fileSystem.remove(state + "/" + name)
        }
        return everything ? 0 : try answerCount()
    }

    /// The store objects (`ab/cdef…`) that cached answers name.
    private func answerObjects() throws -> Set<String> {
        var objects = Set<String>()
        try forEachAnswer { link in
            let hex = String(decoding: try fileSystem.read(link), as: UTF8.self)
            if hex.count > 2 { objects.insert(hex.prefix(2) + "/" + hex.dropFirst(2)) }
        }
        return objects
    }

    private func answerCount() throws -> Int {
        var count = 0
        try forEachAnswer { _ in count += 1 }
        return count
    }

    private func forEachAnswer(_ body: (String) throws -> Void) throws {
        let calls = layout.state + "/calls"
        guard fileSystem.stat(calls) != nil else { return }
        for fan in try fileSystem.list(calls) {
            for name in try fileSystem.list(calls + "/" + fan) where !name.contains(".tmp.") {
                try body(calls + "/" + fan + "/" + name)
            }
        }
    }

    private func removeObjects(except kept: Set<String>) throws {
        let objects = layout.store + "/objects"
        for fan in try fileSystem.list(objects) {
            let folder = objects + "/" + fan
            let names = try fileSystem.list(folder)
            var left = names.count
            for name in names where !kept.contains(fan + "/" + name) {
                try fileSystem.remove(folder + "/" + name)
                left -= 1
            }
            if left == 0 { try fileSystem.remove(folder) }
        }
    }
}
