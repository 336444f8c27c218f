import Foundation

/// Running a program of the outside world (`pdftotext`), behind one small interface so
/// that libraries never start processes themselves and tests can stand in for them.
public protocol ProcessRunner: Sendable {
    /// Runs `executable` (looked up on PATH) with `arguments` and `input` on its stdin, to
    /// completion. Throws when it cannot be started; a failing program is a status.
    func run(_ executable: String, _ arguments: [String], input: Data) async throws -> ProcessOutput
}

/// What a program left behind.
public struct ProcessOutput: Sendable, Equatable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String

    public init(status: Int32, stdout: Data, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Real processes, run off the cooperative thread pool, with stdin, stdout and stderr in
/// temporary files (never pipes, which a full buffer can stall, and a file is seekable,
/// which some readers of PDFs need).
public struct LocalProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ executable: String, _ arguments: [String], input: Data) async throws -> ProcessOutput {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.runBlocking(executable, arguments, input: input) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], input: Data) throws -> ProcessOutput {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scrollbuild-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdin = folder.appendingPathComponent("in"), stdout = folder.appendingPathComponent("out")
        let stderr = folder.appendingPathComponent("err")
        try input.write(to: stdin)
        for file in [stdout, stderr] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: (try? Data(contentsOf: stdout)) ?? Data(),
                             stderr: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "")
    }
}
