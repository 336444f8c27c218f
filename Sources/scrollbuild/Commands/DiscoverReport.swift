import ArgumentParser
import Catalog
import Discovery
import Foundation

/// `discover report`: the imported courses that cover the same ground as each of the
/// project's own courses, and those usable as its prerequisites. Reads files only.
struct DiscoverReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "For each of the project's courses, the imported courses that cover the same ground and those usable as its prerequisites.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Option(help: "The most similar courses listed for each course.")
    var top = 3

    func run() async throws {
        let fileSystem = LiveEffects.fileSystem
        let settings = project.settings().0
        let catalogFolder = project.project + "/" + settings.catalogPath
        let own = ((try? fileSystem.list(catalogFolder)) ?? []).filter(CourseReader.isCourseFile).compactMap { name -> SyncReport.Course? in
            guard let bytes = try? fileSystem.read(catalogFolder + "/" + name),
                  let course = CourseReader.read(String(decoding: bytes, as: UTF8.self), file: name).course else { return nil }
            return SyncReport.Course(id: course.id, title: course.title, text: course.subject + "\n" + course.description,
                                     prerequisites: course.prerequisites)
        }
        let providers = ((try? fileSystem.list(catalogFolder + "/external")) ?? []).sorted()
        let external = providers.flatMap {
            ExternalCatalog(folder: catalogFolder + "/external/" + $0, fileSystem: fileSystem).reportCourses()
        }
        guard !external.isEmpty else {
            throw ValidationError("no imported courses in \(catalogFolder)/external; run `scrollbuild discover ocw` or `discover khan` first")
        }
        let rows = SyncReport.rows(own: own, external: external, top: max(1, top))
        print(json ? DiscoverSummary.json(rows) : DiscoverSummary.text(rows, externalCount: external.count))
    }
}
