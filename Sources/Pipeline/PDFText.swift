import Effects
import Foundation

/// A PDF's text, from poppler's `pdftotext` (installed by `make setup`), through the
/// process runner the build is given.
enum PDFText {
    static func extract(_ bytes: Data, runner: any ProcessRunner) async throws -> String {
        let output: ProcessOutput
        do {
            output = try await runner.run("pdftotext", ["-enc", "UTF-8", "-nopgbrk", "-", "-"], input: bytes)
        } catch {
            throw PipelineError("cannot run pdftotext (\(error)); install poppler-utils (make setup does)")
        }
        guard output.status == 0 else {
            let reason = output.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(output.status)"
            throw PipelineError(output.status == 127 ? "pdftotext is not installed; install poppler-utils (make setup does)"
                                : "pdftotext could not read it: \(reason)")
        }
        return String(decoding: output.stdout, as: UTF8.self)
    }
}
