import Catalog
import Effects
import Engine
import Foundation
import Store

/// `pdfs:` makes every PDF of the build with one WeasyPrint process (its start-up is most
/// of the cost of a PDF). A PDF is kept in the build's state under its print document's
/// digest (`pdf/<digest>.pdf`), so only documents that changed are rendered; each course's
/// PDF is then copied to `<id>/<id>.pdf`. Its value says, per course, the PDF's digest or
/// why it failed, so one book that WeasyPrint cannot render fails that course alone.
struct PDFsRule: TypedRule {
    let version = 1
    let environment: PipelineEnvironment

    enum Outcome: Codable, Sendable, Equatable {
        case made(digest: String)
        case failed(String)
    }

    func compute(_ key: PDFsKey, in context: RuleContext) async throws -> [String: Outcome] {
        guard try await context.need(OutputFilterKey()).contains(.pdf) else { return [:] }
        let candidates = try await context.need(CatalogKey()).courses.filter(\.packaged).map(\.id)
        var wanted: [String] = []
        for (id, course) in zip(candidates, await context.needEach(candidates.map(CourseKey.init(course:)))) {
            if case .success(let course) = course, try await context.outputs(of: course).contains(.pdf) { wanted.append(id) }
        }
        var outcomes: [String: Outcome] = [:]
        var documents: [(id: String, digest: String)] = []
        for (id, printed) in zip(wanted, await context.needEach(wanted.map(PrintBookKey.init(course:)))) {
            switch printed {
            case .success(let digest): documents.append((id, digest))
            case .failure(let failure): outcomes[id] = .failed("its print document failed: \(failure)")
            }
        }
        let cache = environment.layout.state + "/pdf"
        let missing = documents.filter { !FileManager.default.fileExists(atPath: "\(cache)/\($0.digest).pdf") }
        if !missing.isEmpty {
            let failed = try await WeasyPrint(runner: environment.processes).render(missing.map {
                WeasyPrint.Job(id: $0.id, html: PrintBookRule.path(environment.layout, $0.id), pdf: "\(cache)/\($0.digest).pdf")
            })
            for (id, reason) in failed { outcomes[id] = .failed(reason) }
        }
        for document in documents where outcomes[document.id] == nil {
            do {
                let bytes = try context.readProduct("\(cache)/\(document.digest).pdf")
                try context.write(environment.sitePath(PackagesRule.path(document.id, "pdf")), bytes)
                outcomes[document.id] = .made(digest: ContentHash(of: bytes).hex)
            } catch {
                outcomes[document.id] = .failed("WeasyPrint wrote no PDF (\(error))")
            }
        }
        return outcomes
    }
}

/// WeasyPrint, run once for many documents: its Python, found from the `weasyprint`
/// command on PATH (or `SCROLLBUILD_WEASYPRINT`), runs a small driver over a job list.
struct WeasyPrint {
    let runner: (any ProcessRunner)?

    struct Job: Codable {
        var id: String
        var html: String
        var pdf: String
    }

    /// Renders the jobs; returns why each failed one failed, by id.
    func render(_ jobs: [Job]) async throws -> [String: String] {
        guard let runner else { throw PipelineError("PDFs cannot be made in this command") }
        guard let python = WeasyPrint.python() else {
            throw PipelineError("WeasyPrint is not installed: `pip install weasyprint` (make setup installs it in .build/venv), "
                                + "or set SCROLLBUILD_WEASYPRINT to its `weasyprint` command")
        }
        let folder = (jobs[0].pdf as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let list = folder + "/jobs-\(getpid()).json"
        try JSONEncoder().encode(jobs).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let output = try await runner.run(python, ["-c", WeasyPrint.driver, list], input: Data())
        guard output.status == 0 else {
            let last = output.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(output.status)"
            throw PipelineError("WeasyPrint failed: \(last)")
        }
        return (try? JSONDecoder().decode([String: String].self, from: output.stdout)) ?? [:]
    }

    /// The Python that has WeasyPrint: the interpreter named on the first line of the
    /// `weasyprint` script.
    static func python(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let command = environment["SCROLLBUILD_WEASYPRINT"] ?? "weasyprint"
        let candidates = command.contains("/") ? [command]
            : (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(command)" }
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            guard let head = FileManager.default.contents(atPath: path)?.prefix(512),
                  let line = String(decoding: head, as: UTF8.self).split(separator: "\n").first,
                  line.hasPrefix("#!") else { continue }
            let interpreter = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if interpreter.contains("python") && !interpreter.contains(" ") { return interpreter }
        }
        return nil
    }

    /// Renders each job's HTML to its PDF (written beside it, then renamed into place) and
    /// prints the failures as a JSON object, id → reason.
    static let driver = """
        import json, os, sys, logging
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        from weasyprint import HTML
        failed = {}
        for job in json.load(open(sys.argv[1])):
            try:
                partial = job["pdf"] + ".partial"
                HTML(filename=job["html"]).write_pdf(partial)
                os.replace(partial, job["pdf"])
            except Exception as error:
                failed[job["id"]] = "%s: %s" % (type(error).__name__, error)
        json.dump(failed, sys.stdout)
        """
}
