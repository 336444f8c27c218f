import Effects
import Foundation

/// WeasyPrint, run once for many documents: its Python, found from the `weasyprint`
/// command on PATH (or `SCROLLBUILD_WEASYPRINT`), runs a small driver over a job list.
public struct WeasyPrint {
    let runner: (any ProcessRunner)?

    public init(runner: (any ProcessRunner)?) { self.runner = runner }

    /// One document to render, and where its PDF goes.
    public struct Job: Codable {
        public var id: String
        public var html: String
        public var pdf: String

        public init(id: String, html: String, pdf: String) {
            self.id = id
            self.html = html
            self.pdf = pdf
        }
    }

    /// Renders the jobs; returns why each failed one failed, by id.
    public func render(_ jobs: [Job]) async throws -> [String: String] {
        guard let runner else { throw PackageError("PDFs cannot be made in this command") }
        guard let python = WeasyPrint.python() else {
            throw PackageError("WeasyPrint is not installed: `pip install weasyprint==70.0` (make setup installs it in "
                               + ".build/venv), or set SCROLLBUILD_WEASYPRINT to its `weasyprint` command")
        }
        let folder = (jobs[0].pdf as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // One list per call: the pdf: tasks of a build may each render their own at once.
        let list = folder + "/jobs-\(getpid())-\(UUID().uuidString).json"
        try JSONEncoder().encode(jobs).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let output = try await runner.run(python, ["-c", WeasyPrint.driver, list], input: Data())
        guard output.status == 0 else {
            let last = output.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(output.status)"
            throw PackageError("WeasyPrint failed: \(last)")
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
    /// prints the failures as a JSON object, id → reason. The document is given as text,
    /// with no base URL: WeasyPrint would otherwise write its file's path into the PDF (a
    /// link with a relative target resolves against it), and two build folders would differ.
    static let driver = [
        "import json, os, sys, logging",
        "logging.getLogger('weasyprint').setLevel(logging.ERROR)",
        "logging.getLogger('fontTools').setLevel(logging.ERROR)",
        "from weasyprint import HTML",
        "failed = {}",
        "for job in json.load(open(sys.argv[1])):",
        "    try:",
        "        partial = job['pdf'] + '.partial'",
        "        with open(job['html'], encoding='utf-8') as document:",
        "            HTML(string=document.read(), base_url=None).write_pdf(partial)",
        "        os.replace(partial, job['pdf'])",
        "    except Exception as error:",
        "        failed[job['id']] = '%s: %s' % (type(error).__name__, error)",
        "json.dump(failed, sys.stdout)",
    ].joined(separator: "\n")
}
