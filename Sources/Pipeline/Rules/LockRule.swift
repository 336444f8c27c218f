import Catalog
import Engine
import Foundation
import Git

/// `lock:` writes `scrollbuild.lock` from the pins of every repository course; a course
/// that failed to fetch keeps the pin the file had. No repository courses, no file.
struct LockRule: TypedRule {
    let version = 2  // 2: typed value
    let environment: PipelineEnvironment

    func compute(_ key: LockKey, in context: RuleContext) async throws -> String {
        let catalog = try await context.need(CatalogKey())
        let courses = await context.needEach(catalog.courses.map { CourseKey(course: $0.id) })
            .compactMap { try? $0.get() }
        let repositories = courses.compactMap { course in (try? course.repositorySource()).map { (course, $0) } }
        let fetched = await context.needEach(repositories.map { FetchKey(course: $0.0.id) })
        var pins: [String: GitPin] = [:]
        for ((_, source), result) in zip(repositories, fetched) {
            switch result {
            case .success(.folder): continue
            case .success(.commit(let pin)): pins[LockFile.slot(pin.url, pin.ref)] = pin
            case .failure:
                if let pin = environment.recordedPin(url: source.url, ref: source.ref) { pins[LockFile.slot(pin.url, pin.ref)] = pin }
            }
        }
        guard !pins.isEmpty else { return "" }
        let bytes = try LockFile.render(Array(pins.values))
        try context.write(environment.lockPath, bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
