import Effects
import Foundation

/// A PDF's text, from poppler's `pdftotext` (installed by `make setup`).
enum PDFText {
    static func extract(_ bytes: Data) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrollbuild-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        try bytes.write(to: input)
        let result: (status: Int32, stderr: String)
        do {
            result = try await ExternalCommand.run("pdftotext", ["-enc", "UTF-8", "-nopgbrk", input.path, output.path])
        } catch {
            throw PipelineError("cannot run pdftotext (\(error)); install poppler-utils (make setup does)")
        }
        guard result.status == 0 else {
            let reason = result.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            throw PipelineError(result.status == 127 ? "pdftotext is not installed; install poppler-utils (make setup does)"
                                : "pdftotext could not read it: \(reason)")
        }
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}
