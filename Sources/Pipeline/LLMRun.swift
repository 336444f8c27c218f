import Catalog
import Effects
import Foundation
import LLM
import OfflineAuthor
import Store

/// The LLM side of one build: the scheduler every LLM step asks, set up from
/// scrollbuild.yml, the environment and the command line; and, with `--batch`, the batch
/// a run submits at its end or picks up at its start.
public final class LLMRun: Sendable {
    public struct Options: Sendable {
        /// From `--budget-usd` and `--budget-tokens`; nil fields fall back to scrollbuild.yml.
        public var budget: BudgetLimit
        public var batch: Bool
        /// The process environment (keys, overrides).
        public var variables: [String: String]

        public init(budget: BudgetLimit = BudgetLimit(), batch: Bool = false, variables: [String: String]) {
            self.budget = budget
            self.batch = batch
            self.variables = variables
        }
    }

    /// What `prepare` found.
    public enum Preparation: Sendable {
        case ready(LLMRun)
        /// A batch submitted earlier is not finished; the message says so.
        case waiting(String)
    }

    public let scheduler: CallScheduler
    public let ledger: BudgetLedger
    let jobs: BatchJobs
    let batch: BatchSession?
    /// What the run has to say before it builds (a batch picked up, one lost).
    public let notes: [String]
    let warn: @Sendable (String) -> Void

    init(scheduler: CallScheduler, ledger: BudgetLedger, jobs: BatchJobs, batch: BatchSession?, notes: [String],
         warn: @escaping @Sendable (String) -> Void) {
        self.scheduler = scheduler
        self.ledger = ledger
        self.jobs = jobs
        self.batch = batch
        self.notes = notes
        self.warn = warn
    }

    /// The effects an LLM run uses: the command line passes the real ones (libcurl, a SQLite
    /// log, real sleeps), tests the fakes.
    public struct Effects: Sendable {
        public var fileSystem: any FileSystem
        public var transport: any HTTPTransport
        /// Opens the call log at a path (nil: no log).
        public var openLog: @Sendable (String) throws -> CallLog?
        public var scheduler: CallScheduler.Effects
        /// Where warnings go (a corrupt cached answer, a call log that cannot be written).
        public var warn: @Sendable (String) -> Void
        /// The team's cache (`cache.remote`), asked after the local one.
        public var shared: (any SharedCache)?

        public init(fileSystem: any FileSystem, transport: any HTTPTransport,
                    openLog: @escaping @Sendable (String) throws -> CallLog?, scheduler: CallScheduler.Effects,
                    warn: @escaping @Sendable (String) -> Void) {
            self.fileSystem = fileSystem
            self.transport = transport
            self.openLog = openLog
            self.scheduler = scheduler
            self.warn = warn
        }
    }

    /// Sets up the run and collects the results of a batch submitted earlier. It reads no
    /// settings: each call brings scrollbuild.yml's key variable and budgets in its policy,
    /// from the build's one reading of the file.
    public static func prepare(buildDir: String, options: Options,
                               effects: Effects) async throws -> Preparation {
        let fileSystem = effects.fileSystem
        let layout = BuildLayout(root: buildDir)
        let stateDir = layout.state
        let keys = APIKeys(options.variables)
        let transport = CredentialedTransport.wrapping(effects.transport, baseURL: options.variables["SCROLLBUILD_LLM_BASE_URL"])
        let jobs = BatchJobs(transport: transport, keys: keys, stateDir: stateDir, fileSystem: fileSystem)
        var notes: [String] = []
        var replies: [Store.ContentHash: ProviderReply] = [:]
        var failures = Set<Store.ContentHash>()
        if let record = jobs.outstanding() {
            switch try await jobs.poll(record) {
            case .waiting(let status):
                return .waiting("batch \(record.id) (\(record.requests) calls) is \(status.replacingOccurrences(of: "_", with: " ")); "
                                + "run again later to pick up its results")
            case .done(let answers, let failed):
                replies = answers
                failures = failed
                notes.append("batch \(record.id): \(answers.count) results picked up"
                             + (failed.isEmpty ? "" : ", \(failed.count) failed and will be sent directly"))
            case .lost(let status):
                notes.append("batch \(record.id) \(status); its calls will be made again")
            }
        }
        let batch = options.batch || !replies.isEmpty || !failures.isEmpty
            ? BatchSession(replies: replies, failures: failures, collecting: options.batch) : nil
        let ledger = BudgetLedger(run: options.budget)
        try fileSystem.createDirectory(stateDir)
        let scheduler = CallScheduler(cache: CallCache(root: stateDir, fileSystem: fileSystem, warn: effects.warn),
                                      log: try effects.openLog(layout.callLog),
                                      online: OpenAIProvider(transport: transport), offline: OfflineAuthor(),
                                      keys: keys, ledger: ledger,
                                      batch: batch, shared: effects.shared, effects: effects.scheduler)
        return .ready(LLMRun(scheduler: scheduler, ledger: ledger, jobs: jobs, batch: batch, notes: notes, warn: effects.warn))
    }

    /// Ends the run: writes the call log, forgets a batch whose results are in, and
    /// submits the calls collected for a new one. Returns what to tell the user.
    public func finish(now: Date) async throws -> String? {
        // The answers are cached whatever happens to the log; a log that cannot be written is
        // reported, not a reason to fail the build.
        do { try scheduler.finish() } catch { warn("\(error)") }
        if batch != nil, jobs.outstanding() != nil { try jobs.clear() }
        guard let batch, batch.collecting else { return nil }
        let pending = batch.pending
        guard !pending.isEmpty else { return nil }
        let record = try await jobs.submit(pending, now: now)
        return "submitted batch \(record.id) with \(record.requests) calls; run the same command again later to pick up its results"
    }

    /// Why the run stopped spending, if it did.
    public var budgetStop: String? { ledger.refusal }
}
