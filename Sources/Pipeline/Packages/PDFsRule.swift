import Catalog
import Engine
import Foundation
import Packages
import Store

/// `pdfs:` renders, with one WeasyPrint process (its start-up is most of the cost of a
/// PDF), every PDF the build wants that the build's state does not hold yet: a PDF is kept
/// under its print document's digest (`pdf/<digest>.pdf`), a failure beside it
/// (`pdf/<digest>.failed`, the reason). `pdf:<id>` then takes its course's from there.
struct PDFsRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    static func cached(_ layout: BuildLayout, _ digest: String) -> String { layout.state + "/pdf/\(digest).pdf" }
    static func failure(_ layout: BuildLayout, _ digest: String) -> String { layout.state + "/pdf/\(digest).failed" }

    func compute(_ key: PDFsKey, in context: RuleContext) async throws -> String {
        guard try await context.need(OutputFilterKey()).contains(.pdf) else { return "" }
        let candidates = try await context.need(CatalogKey()).courses.filter(\.packaged).map(\.id)
        var wanted: [String] = []
        for (id, course) in zip(candidates, await context.needEach(candidates.map(CourseKey.init(course:)))) {
            if case .success(let course) = course, try await context.outputs(of: course).contains(.pdf) { wanted.append(id) }
        }
        let layout = environment.layout
        var jobs: [WeasyPrint.Job] = []
        for (id, printed) in zip(wanted, await context.needEach(wanted.map(PrintBookKey.init(course:)))) {
            guard case .success(let digest) = printed,
                  !FileManager.default.fileExists(atPath: PDFsRule.cached(layout, digest)) else { continue }
            jobs.append(WeasyPrint.Job(id: digest, html: PrintBookRule.path(layout, id), pdf: PDFsRule.cached(layout, digest)))
        }
        guard !jobs.isEmpty else { return "" }
        try FileManager.default.createDirectory(atPath: layout.state + "/pdf", withIntermediateDirectories: true)
        if let shared = environment.shared {
            // Another machine may have rendered some: those are not rendered here.
            var missing: [WeasyPrint.Job] = []
            for job in jobs {
                if let key = ContentHash(hex: job.id), let pdf = await shared.value(for: key.shared("pdf")) {
                    try pdf.write(to: URL(fileURLWithPath: job.pdf), options: .atomic)
                } else {
                    missing.append(job)
                }
            }
            jobs = missing
            guard !jobs.isEmpty else { return "" }
        }
        do {
            for (digest, reason) in try await WeasyPrint(runner: environment.processes).render(jobs) {
                try Data(reason.utf8).write(to: URL(fileURLWithPath: PDFsRule.failure(layout, digest)))
            }
        } catch {
            // WeasyPrint could not run at all: each course's PDF fails with the reason.
            for job in jobs { try Data("\(error)".utf8).write(to: URL(fileURLWithPath: PDFsRule.failure(layout, job.id))) }
        }
        if let shared = environment.shared {
            for job in jobs {
                guard let key = ContentHash(hex: job.id), let pdf = FileManager.default.contents(atPath: job.pdf) else { continue }
                await shared.store(pdf, for: key.shared("pdf"))
            }
        }
        return ""
    }
}

/// `pdf:<id>` copies the course's PDF from the build's state into the site, after `pdfs:`
/// made it; fails with WeasyPrint's reason when it could not.
struct PDFRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    func compute(_ key: PDFKey, in context: RuleContext) async throws -> String {
        let digest = try await context.need(PrintBookKey(course: key.course))
        _ = try await context.need(PDFsKey())
        let layout = environment.layout
        let failure = PDFsRule.failure(layout, digest)
        if let reason = FileManager.default.contents(atPath: failure) {
            // Not kept: the next build tries again (WeasyPrint may have been installed since).
            try? FileManager.default.removeItem(atPath: failure)
            throw PipelineError("the PDF could not be made: \(String(decoding: reason, as: UTF8.self))")
        }
        if !FileManager.default.fileExists(atPath: PDFsRule.cached(layout, digest)) {
            // The state lost it since `pdfs:` ran (a cleaned folder): render this one alone.
            let job = WeasyPrint.Job(id: digest, html: PrintBookRule.path(layout, key.course), pdf: PDFsRule.cached(layout, digest))
            if let reason = try await WeasyPrint(runner: environment.processes).render([job])[digest] {
                throw PipelineError("the PDF could not be made: \(reason)")
            }
        }
        let bytes = try context.readProduct(PDFsRule.cached(layout, digest))
        try context.write(environment.sitePath(PackagesRule.path(key.course, "pdf")), bytes)
        return ContentHash(of: bytes).hex
    }
}
