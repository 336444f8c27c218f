import Effects
import EffectsTesting
import Engine
import Foundation
import LLM
import OfflineAuthor
import Pipeline
import Synchronization
import Testing

/// A small project in an `InMemoryFileSystem`, built by the real pipeline with a manual
/// clock and the offline LLM provider: no disk, no network, no sleeps. Each `build()` is a
/// new engine over the same files, as a new process would be, and returns what ran and why.
final class PipelineFixture: Sendable {
    static let root = "/project"
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let clock: ManualWallClock
    let fileSystem: InMemoryFileSystem
    /// How many requests reached the offline provider over all builds.
    let provider = CountingProvider()

    /// - Parameter clockStep: how far the clock moves at each reading (time passing as the build works).
    init(clockStep: Duration = .zero) throws {
        clock = ManualWallClock(step: clockStep)
        fileSystem = InMemoryFileSystem(clock: clock)
        for folder in ["site-templates", "prompts", "schemas"] {
            let from = Self.packageRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: from.path) {
                let text = try String(contentsOf: from.appendingPathComponent(name), encoding: .utf8)
                put("\(folder)/\(name)", text)
            }
        }
        // The fixture's modules are a few sentences long, below the rubric's minute of reading:
        // they are flagged at once rather than written again (the offline writer would write
        // them the same), so each module costs one generate and one evaluate request.
        put("scrollbuild.yml", "site:\n  title: Pipeline tests\nevaluation:\n  regenerations: 0\n")
        put("catalog/guide.md", """
            ---
            id: guide
            title: A Guide
            source: {kind: content}
            ---
            Two hand-written chapters.
            """)
        put("content/guide/01-start.md", "# Start\n\nThe first chapter.\n")
        put("content/guide/02-next.md", "# Next\n\nThe second chapter.\n")
        put("catalog/outline.md", """
            ---
            id: outline
            title: An Outline
            source:
              kind: modules
              modules:
                - title: Seeds
                  lectures: [What a seed holds, How a seed wakes]
                  notes: A seed holds an embryo and its food. Water wakes a seed; warmth helps it grow.
                - title: Roots
                  lectures: [Why roots go down, What roots take in]
                  notes: Roots grow toward gravity. A root takes in water and minerals through its hairs.
            ---
            A short outline about plants.
            """)
        put("catalog/notes.md", """
            ---
            id: notes
            title: Notes
            source:
              kind: repo
              url: notes-folder
              ref: main
              folders: [docs]
            ---
            A course from a folder of notes.
            """)
        put("notes-folder/docs/light.md", "# Light\n\nA leaf turns light into sugar. Light is the energy a plant lives on.\n")
        put("notes-folder/docs/water.md", "# Water\n\nA plant drinks through its roots. Water carries minerals up the stem.\n")
    }

    /// Writes a project file as a person would.
    func put(_ relative: String, _ text: String) {
        fileSystem.put(Self.root + "/" + relative, text)
    }

    func text(_ relative: String) -> String? { fileSystem.text(Self.root + "/" + relative) }

    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try #require(self.text(relative))
        #expect(text.contains(old), "\(relative) does not contain '\(old)'")
        put(relative, text.replacingOccurrences(of: old, with: new))
    }

    /// Builds the whole site a minute after the last change, and returns what ran and why.
    @discardableResult
    func build(jobs: Int = 4, keepGoing: Bool = false, inputs: ProjectBuild.Inputs = ProjectBuild.Inputs()) async throws -> BuildSummary {
        clock.advance(by: .seconds(60))
        let scheduler = CallScheduler(cache: CallCache(root: Self.root + "/build/.scrollbuild", fileSystem: fileSystem, warn: { _ in }),
                                      log: nil, online: nil, offline: provider, keys: APIKeys([:]),
                                      ledger: BudgetLedger(run: BudgetLimit()),
                                      effects: CallScheduler.Effects(sleep: { _ in }, random: { 0.5 },
                                                                     now: { Date(timeIntervalSince1970: 1_767_225_600) },
                                                                     elapsed: { .zero }))
        let environment = PipelineEnvironment(projectRoot: Self.root, buildDir: Self.root + "/build", fileSystem: fileSystem,
                                              scheduler: scheduler)
        let report = try await ProjectBuild.run(.all, environment: environment, inputs: inputs,
                                                effects: ProjectBuild.Effects(fileSystem: fileSystem, clock: clock),
                                                jobs: jobs, keepGoing: keepGoing, observer: SilentObserver())
        #expect(report.summary.failures.isEmpty, "\(report.summary.failures)")
        return report.summary
    }

    /// What ran, as `key: reason` strings, sorted.
    static func ran(_ summary: BuildSummary) -> [String] {
        summary.ran.map { "\($0.key): \($0.value)" }.sorted()
    }
}

/// The offline provider, counting the requests it answers.
final class CountingProvider: ChatProvider {
    private let count = Mutex(0)
    private let inner = OfflineAuthor()

    var requests: Int { count.withLock { $0 } }

    func complete(_ request: LLMRequest, messages: [ChatMessage], key: String?) async throws -> ProviderReply {
        count.withLock { $0 += 1 }
        return try await inner.complete(request, messages: messages, key: key)
    }
}

struct SilentObserver: BuildObserver {
    func started(_ key: BuildKey, reason: RunReason) {}
    func finished(_ key: BuildKey, cutOff: Bool) {}
    func failed(_ failure: BuildFailure) {}
    func warning(_ message: String) {}
}
