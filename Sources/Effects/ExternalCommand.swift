import Dispatch
import Foundation

/// Runs a program to completion off the cooperative thread pool, its output going to
/// files (never pipes, which a full buffer can stall). What the build runs of the
/// outside world: `pdftotext`.
public enum ExternalCommand {
    /// Runs `executable` (looked up on PATH) with `arguments`; returns its exit status and
    /// what it wrote to stderr. Throws when it cannot be started.
    public static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("scrollbuild-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr)
    }
}
