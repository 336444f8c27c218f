import Effects
import Foundation
import LLM
import Pipeline

/// The real effects, made here and only here: the disk, the system clock, libcurl, the
/// SQLite call log, real sleeps and randomness. Libraries take them as parameters.
enum LiveEffects {
    static let fileSystem = LocalFileSystem()
    static let clock = SystemWallClock()
    static let processes = LocalProcessRunner()
    /// HTTP for everything but the LLM steps (`check --external`).
    static var transport: any HTTPTransport { CurlClient() }

    static var build: ProjectBuild.Effects {
        ProjectBuild.Effects(fileSystem: fileSystem, clock: clock)
    }

    /// - Parameter warn: where the LLM layer's warnings go (the progress printer).
    static func llm(warn: @escaping @Sendable (String) -> Void) -> LLMRun.Effects {
        let origin = ContinuousClock.now
        return LLMRun.Effects(
            fileSystem: fileSystem, transport: CurlClient(), openLog: { CallLog(path: $0) },
            scheduler: CallScheduler.Effects(sleep: { try await Task.sleep(for: $0) }, random: { Double.random(in: 0..<1) },
                                             now: { clock.now() }, elapsed: { ContinuousClock.now - origin }),
            warn: warn)
    }
}
