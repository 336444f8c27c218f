import Effects
import Foundation
import Store

/// Builds keys with their rules, running only what is out of date.
///
/// The algorithm is Shake's, with dynamic dependencies: a key recorded in the trace is
/// checked by asking for its dependencies in the order the rule asked for them last
/// time; if none changed after the key was built, its recorded value stands. Otherwise
/// the rule runs; if it produces the same value as before (same SHA-256), the key keeps
/// its old `changed` step, so its dependents are not rebuilt (early cutoff).
///
/// Before any of that, `TraceCheck` clears in one pass everything whose sources' stats
/// are unchanged, so a no-op build reads one trace file, stats the sources and writes nothing.
///
/// One `Engine` runs one build; it is an actor because every running rule reports to it.
public actor Engine {
    nonisolated let observer: any BuildObserver
    nonisolated let fileSystem: any FileSystem
    nonisolated let store: BlobStore
    nonisolated let slots: JobSlots
    /// Tells which sources were read too soon after they were written to trust their stat.
    nonisolated let clock: any WallClock
    /// The values of `input:` keys in this build.
    nonisolated let inputs: BuildInputs
    private let rules: [Substring: any Rule]
    let check: TraceCheck
    var oldIndex: TraceIndex
    let step: UInt32
    private let keepGoing: Bool
    private let tracePath: String
    /// Where finished tasks are recorded as they finish (see `Journal`).
    private var journal: JournalWriter
    /// The size of the trace file this build started from.
    private let traceBytes: Int

    /// Every key asked for in this build: its state, why it ran, where its entry is.
    private var table = KeyTable()
    private var stopped = false
    /// Scopes (see `Rule.scope(of:)`) in which a key failed; without keep-going, no new key of theirs starts.
    private var stoppedScopes: Set<String> = []
    private var summary = BuildSummary()
    /// Keys that failed or were not built, with the inputs they asked for before that.
    private var failedInputs: [BuildKey: [BuildKey]] = [:]
    /// Keys not attempted because the build stopped: their old outputs are left alone.
    private var cancelled: Set<BuildKey> = []
    private var hasBuilt = false
    /// The finished keys holding a value in memory, let go of past a budget.
    private var held: HeldValues

    /// - Parameters:
    ///   - tracePath: the trace file; missing or unreadable means nothing is up to date.
    ///   - jobs: how many rule bodies may run at once.
    ///   - keepGoing: after a failure, go on with everything that does not depend on it.
    ///   - clock: compared with sources' mtimes (see `racyWindow`).
    ///   - inputs: the values of `input:` keys.
    ///   - valueBudget: about how many bytes of values (stored bytes, and their decoded
    ///     forms) finished keys keep in memory for the rules that need them; past it the
    ///     oldest are read back from the store when asked for again (see `HeldValues`).
    public init(rules: [any Rule], fileSystem: any FileSystem, store: BlobStore, tracePath: String,
                jobs: Int, keepGoing: Bool, observer: any BuildObserver, clock: any WallClock,
                inputs: BuildInputs = BuildInputs(), valueBudget: Int = 16 << 20) {
        var table: [Substring: any Rule] = [:]
        for rule in rules { table[rule.kind[...]] = rule }
        let stored = StoredTrace.load(tracePath, fileSystem: fileSystem, warn: { observer.warning($0) })
        let trace = stored.trace
        self.journal = JournalWriter(path: StoredTrace.journalPath(for: tracePath), base: stored.base, found: stored.journal,
                                     fileSizeOnDisk: stored.journalFileSize, fileSystem: fileSystem, clock: clock)
        self.traceBytes = stored.traceBytes
        self.rules = table
        self.fileSystem = fileSystem
        self.store = store
        self.tracePath = tracePath
        self.keepGoing = keepGoing
        self.observer = observer
        self.clock = clock
        self.inputs = inputs
        self.slots = JobSlots(count: jobs)
        self.held = HeldValues(budget: valueBudget)
        self.step = trace.step &+ 1
        self.check = TraceCheck(trace: trace, ruleVersions: table.mapValues(\.version), inputs: inputs,
                                fileSystem: fileSystem)
        self.oldIndex = TraceIndex(trace)
        // Something may rebuild: the next trace will be assembled, which needs every key's
        // position, so build that now rather than scan for the keys on the way.
        if check.reasons.contains(where: { $0 != nil }) { _ = oldIndex.dictionary() }
    }

    /// Runs `goals`, which asks for the keys this build wants (and returns what the caller
    /// wants back from them: nil when a key it needed failed), builds what they need, and
    /// saves the trace. With `prune`, trace entries the goals no longer reach are
    /// forgotten and the files they wrote deleted (a removed course's pages go away).
    ///
    /// Failures of keys are in the summary; an error thrown by `goals` itself is rethrown
    /// after the trace is saved, so finished work is never lost.
    public func build<Goal: Sendable>(prune: Bool, goals: @Sendable (RuleContext) async throws -> Goal)
        async throws -> (summary: BuildSummary, goal: Goal?) {
        precondition(!hasBuilt, "an Engine runs one build; make a new one for the next")
        hasBuilt = true
        let root = RuleContext(key: BuildKey("goal", ""), engine: self, fileSystem: fileSystem, holdsSlot: false)
        var goalError: Error?
        var goal: Goal?
        do { goal = try await goals(root) } catch is BuildFailure {
            // already in the summary, where it happened
        } catch { goalError = error }

        summary.failures.sort { $0.key < $1.key }
        let roots = root.dependencies
        // Every key is settled: their values are no longer needed, and the trace about to
        // be assembled is the build's largest allocation.
        table.releaseStates()
        if table.freshCount == 0 && failedInputs.isEmpty {
            // Nothing ran and nothing failed: the trace stands as it is. Count what the
            // goals reach, and rewrite only to forget entries they no longer reach.
            let reach = check.reach(from: roots.compactMap { oldIndex.index(of: $0).map(Int.init) })
            summary.tasksCached = reach.rules
            if !prune || reach.all == check.trace.entries.count {
                summary.ran = table.ranKeys()
                if let goalError { throw goalError }
                return (summary, goal)
            }
        }
        try saveTrace(roots: roots, prune: prune)
        // After the trace is written: the assembly's tables are gone by now.
        summary.ran = table.ranKeys()
        table = KeyTable()
        if let goalError { throw goalError }
        return (summary, goal)
    }

    /// Assembles the next trace from the last one and this build's journal, deletes the
    /// files no entry writes any more, and writes the trace (unless the journal can stay
    /// as it is); counts the cached tasks and the dropped keys into the summary.
    private func saveTrace(roots: [BuildKey], prune: Bool) throws {
        journal.flush(sync: false)
        var assembled = TraceAssembly(previous: check.trace.entries, oldIndex: oldIndex.dictionary(),
                                      fresh: JournaledEntries(table: table, journal: journal),
                                      failed: failedInputs, cancelled: cancelled, roots: roots, keepUnreached: !prune)
        var cached = 0
        for n in 0..<assembled.reached {
            let key = assembled.key(at: n)
            if !key.isSource && table.reason(key) == nil { cached += 1 }
        }
        summary.tasksCached = cached
        summary.dropped = assembled.dropped
        guard table.freshCount > 0 || assembled.hasDropped else { return }
        for path in assembled.orphanedProducts { try? fileSystem.remove(path) }
        removeEmptyFolders(above: assembled.orphanedProducts)
        journal.flush(sync: true)
        // The journal holds this build's work; the trace is rewritten only when the
        // journal has grown past a quarter of it, or entries must be forgotten.
        let keepJournal = !journal.broken && !assembled.hasDropped && assembled.orphanedProducts.isEmpty
            && journal.bytes <= traceBytes / 4
        if !keepJournal {
            try Trace.write(to: tracePath, step: step, count: assembled.order.count, fileSystem: fileSystem) { emit in
                try assembled.forEachEntry(emit)
            }
            try? fileSystem.remove(journal.path)
        }
    }

    /// The folders that held only removed products (a deleted course's pages): removed too,
    /// from the deepest up, stopping at the first folder that still holds something.
    private func removeEmptyFolders(above removed: [String]) {
        var folders = Set(removed.map { ($0 as NSString).deletingLastPathComponent })
        while let folder = folders.max(by: { $0.count < $1.count }) {
            folders.remove(folder)
            guard !folder.isEmpty, folder != "/", (try? fileSystem.list(folder))?.isEmpty == true else { continue }
            try? fileSystem.remove(folder)
            folders.insert((folder as NSString).deletingLastPathComponent)
        }
    }

    // MARK: Resolving keys

    /// The value of `key`, built if needed; throws its `BuildFailure`.
    nonisolated func value(of key: BuildKey, holdsSlot: Bool) async throws -> Value {
        let outcome = await resolve(key, holdsSlot: holdsSlot)
        if let failure = outcome.failure { throw failure }
        if let value = outcome.value { return Value(bytes: value, digest: outcome.digest, decoded: outcome.decoded) }
        if key.isInput { return Value(bytes: inputs.value(of: key), digest: outcome.digest) }
        if key.rawValue.hasPrefix("file:") {
            // Read again (the stat cache had it up to date): a failure here fails the
            // reader, never hands it empty bytes under the old digest.
            do { return Value(bytes: try fileSystem.read(key.name), digest: outcome.digest) }
            catch { throw BuildFailure(key: key, thrown: error) }
        }
        if let value = await recordedInline(key, outcome.digest) ?? store.get(outcome.digest) {
            await remember(value, for: key)
            return Value(bytes: value, digest: outcome.digest)
        }
        let rebuilt = await rebuildLost(key, holdsSlot: holdsSlot)
        if let failure = rebuilt.failure { throw failure }
        if let value = rebuilt.value { return Value(bytes: value, digest: rebuilt.digest) }
        throw BuildFailure(key: key, cause: .ruleFailed, message: "its value could not be stored or read back")
    }

    /// See `RuleContext.isUpToDate`.
    func isCurrent(_ key: BuildKey) -> Bool {
        if case .done(let outcome)? = table[key] { return outcome.failure == nil }
        guard let index = oldIndex.index(of: key) else { return false }
        return check.isUpToDate(Int(index))
    }

    /// Brings `key` up to date without loading its value; throws its `BuildFailure`.
    func ensure(_ key: BuildKey, holdsSlot: Bool) async throws {
        if let failure = await resolve(key, holdsSlot: holdsSlot).failure { throw failure }
    }

    /// The values of `keys`, resolved concurrently; throws the first failure among them.
    nonisolated func values(of keys: [BuildKey], holdsSlot: Bool) async throws -> [Value] {
        try await eachValue(of: keys, holdsSlot: holdsSlot).map { try $0.get() }
    }

    /// Each key's value or failure, resolved concurrently; the caller's slot is given back meanwhile.
    /// At most `width` keys are in flight from one call, so a goal of 100,000 pages does not
    /// create 100,000 tasks at once; they start in the order given.
    nonisolated func eachValue(of keys: [BuildKey], holdsSlot: Bool, width: Int = 512) async -> [Swift.Result<Value, BuildFailure>] {
        if holdsSlot { await slots.release() }
        let unset = BuildFailure(key: BuildKey("goal", ""), cause: .cancelled, message: "not built")
        var results = [Swift.Result<Value, BuildFailure>](repeating: .failure(unset), count: keys.count)
        await withTaskGroup(of: Answer.self) { group in
            var next = 0, inFlight = 0
            while next < keys.count || inFlight > 0 {
                while next < keys.count && inFlight < width {
                    let index = next, key = keys[index]
                    group.addTask {
                        do { return Answer(index: index, result: .success(try await self.value(of: key, holdsSlot: false))) }
                        catch let failure as BuildFailure { return Answer(index: index, result: .failure(failure)) }
                        catch { return Answer(index: index, result: .failure(BuildFailure(key: key, thrown: error))) }
                    }
                    next += 1
                    inFlight += 1
                }
                guard let answer = await group.next() else { break }
                inFlight -= 1
                results[answer.index] = answer.result
            }
        }
        if holdsSlot { await slots.acquire() }
        return results
    }

    /// For `RuleContext.read`: resolves a file key and, when this call is the one that
    /// read the file (to hash it), hands over the bytes so they are read only once.
    func sourceBytes(of key: BuildKey) async throws -> Data? {
        if table[key] != nil {
            let outcome = await resolve(key, holdsSlot: false)
            if let failure = outcome.failure { throw failure }
            return nil
        }
        table[key] = .running([])
        let (outcome, bytes) = await examine(key)
        finish(key, outcome)
        if let failure = outcome.failure { throw failure }
        return bytes
    }

    private func resolve(_ key: BuildKey, holdsSlot: Bool) async -> Outcome {
        switch table[key] {
        case .done(let outcome)?:
            return outcome
        case .running?:
            if holdsSlot { await slots.release() }
            let outcome = await wait(for: key)
            if holdsSlot { await slots.acquire() }
            return outcome
        case nil:
            table[key] = .running([])
            let outcome = await compute(key, holdsSlot: holdsSlot)
            finish(key, outcome)
            return outcome
        }
    }

    private func wait(for key: BuildKey) async -> Outcome {
        if case .done(let outcome)? = table[key] { return outcome }
        return await withCheckedContinuation { continuation in
            if case .running(var waiters)? = table[key] {
                waiters.append(continuation)
                table[key] = .running(waiters)
            } else if case .done(let outcome)? = table[key] {
                continuation.resume(returning: outcome)
            }
        }
    }

    private func finish(_ key: BuildKey, _ outcome: Outcome) {
        if case .running(let waiters)? = table[key] {
            table[key] = .done(outcome)
            for waiter in waiters { waiter.resume(returning: outcome) }
        } else {
            table[key] = .done(outcome)
        }
        if let value = outcome.value { hold(key, bytes: value.count) }
    }

    /// Counts a value kept in memory, and lets go of the oldest past the budget: a large
    /// value is in the store, a small one in its trace entry, a decoded one decodes again.
    private func hold(_ key: BuildKey, bytes: Int) {
        for old in held.hold(key, bytes: bytes + HeldValues.overhead) {
            guard case .done(var outcome)? = table[old] else { continue }
            if let value = outcome.value, value.count > Trace.inlineLimit || hasRecordedInline(old, outcome.digest) {
                outcome.value = nil
            }
            outcome.decoded = nil
            table[old] = .done(outcome)
        }
    }

    /// True when `recordedInline` can give the value back, without reading it (a fresh
    /// key's small value is in its journal record: `run` and the sources put it there).
    private func hasRecordedInline(_ key: BuildKey, _ digest: ContentHash) -> Bool {
        if table.hasEntry(key) { return true }
        guard let index = oldIndex.index(of: key) else { return false }
        let entry = check.trace.entries[Int(index)]
        return entry.digest == digest && entry.inlineValue != nil
    }

    /// A small value as this build's or the last trace's entry for `key` holds it, if its digest is `digest`.
    func recordedInline(_ key: BuildKey, _ digest: ContentHash) -> Data? {
        if table.hasEntry(key) {
            guard let entry = table.entry(key, in: &journal) else { return nil }
            return entry.digest == digest ? entry.inlineValue.map { Data($0) } : nil
        }
        guard let index = oldIndex.index(of: key) else { return nil }
        let entry = check.trace.entries[Int(index)]
        return entry.digest == digest ? entry.inlineValue.map { Data($0) } : nil
    }

    /// Replaces a finished key's outcome (see `wroteInput`).
    func overwrite(_ key: BuildKey, _ outcome: Outcome) {
        table[key] = .done(outcome)
    }

    private func remember(_ value: Data, for key: BuildKey) {
        if case .done(var outcome)? = table[key], outcome.value == nil {
            outcome.value = value
            table[key] = .done(outcome)
            hold(key, bytes: value.count)
        }
    }

    /// Keeps a key's decoded value (from `bytes` bytes) for the other rules of this build that need it.
    func remember(decoded: any Sendable, bytes: Int, for key: BuildKey) {
        if case .done(var outcome)? = table[key], outcome.failure == nil, outcome.decoded == nil {
            outcome.decoded = decoded
            table[key] = .done(outcome)
            hold(key, bytes: bytes)
        }
    }

    /// Decides whether `key` is up to date, and runs its rule when it is not.
    private func compute(_ key: BuildKey, holdsSlot: Bool) async -> Outcome {
        if key.isSource { return await examine(key).outcome }
        guard let index = oldIndex.index(of: key).map(Int.init) else {
            return await run(key, reason: .neverBuilt, previous: nil, holdsSlot: holdsSlot)
        }
        let entry = check.trace.entries[index]
        if check.isUpToDate(index) { return Outcome(entry) }
        var reason: RunReason?
        if let rule = rules[key.kind], rule.version != Int(entry.version) {
            reason = .ruleChanged(from: Int(entry.version), to: rule.version)
        } else if rules[key.kind] != nil {
            for d in entry.dependencies {
                let dependency = check.trace.entries[Int(d)].key
                let outcome = await resolve(dependency, holdsSlot: holdsSlot)
                if outcome.failure != nil || outcome.changed > entry.built {
                    reason = .inputChanged(dependency)
                    break
                }
            }
            if reason == nil, let product = entry.products.first(where: { fileSystem.stat($0.path) != $0.stat }) {
                reason = .outputChanged(product.path)
            }
            if reason == nil { return Outcome(entry) }
        }
        return await run(key, reason: reason ?? .neverBuilt, previous: entry, holdsSlot: holdsSlot)
    }

    private func rebuildLost(_ key: BuildKey, holdsSlot: Bool) async -> Outcome {
        if case .done(let outcome)? = table[key], outcome.value != nil || table.hasEntry(key) { return outcome }
        if case .running? = table[key] { return await resolve(key, holdsSlot: holdsSlot) }
        observer.warning("\(key): stored value missing or corrupt; rebuilding it")
        table[key] = .running([])
        let previous = oldIndex.index(of: key).map { check.trace.entries[Int($0)] }
        let outcome = await run(key, reason: .valueLost, previous: previous, holdsSlot: holdsSlot)
        finish(key, outcome)
        return outcome
    }

    // MARK: Running rules and reading sources

    private func run(_ key: BuildKey, reason: RunReason, previous: TraceEntry?, holdsSlot: Bool) async -> Outcome {
        guard let rule = rules[key.kind] else {
            return fail(BuildFailure(key: key, cause: .ruleFailed, message: "no rule builds keys of kind '\(key.kind)'"))
        }
        if stopped { return skip(BuildFailure(key: key, cause: .cancelled, message: "not built: the build stopped")) }
        // Asked only once something failed: reading a key's scope costs a parse of its name.
        if !stoppedScopes.isEmpty, let scope = rule.scope(of: key), stoppedScopes.contains(scope) {
            return skip(BuildFailure(key: key, cause: .cancelled, message: "not built: '\(scope)' failed"))
        }
        table.setReason(reason, for: key)
        observer.started(key, reason: reason)
        let context = RuleContext(key: key, engine: self, fileSystem: fileSystem, holdsSlot: true)
        switch await execute(rule, key, context, acquiringSlot: !holdsSlot) {
        case .failure(let failure as BuildFailure) where failure.key != key:
            table.setReason(nil, for: key)
            failedInputs[key] = context.dependencies
            observer.abandoned(key)
            return skip(BuildFailure(key: key, cause: .dependencyFailed(failure.key),
                                     message: "not built: \(failure.key) failed"))
        case .failure(let error):
            table.setReason(nil, for: key)
            failedInputs[key] = context.dependencies
            return fail(BuildFailure(key: key, thrown: error))
        case .success(let (value, digest)):
            let cutOff = previous?.digest == digest
            let changed = cutOff ? (previous?.changed ?? step) : step
            let entry = FreshEntry(digest: digest, built: step, changed: changed, version: Int32(rule.version),
                                   dependencies: shared(context.dependencies), stat: nil,
                                   inlineValue: value.count <= Trace.inlineLimit ? [UInt8](value) : nil,
                                   products: context.products)
            record(key, entry, flush: true)
            summary.tasksRun += 1
            if cutOff { summary.tasksCutOff += 1 }
            observer.finished(key, cutOff: cutOff)
            return Outcome(digest: digest, changed: changed, value: value, decoded: context.producedValue)
        }
    }

    /// Runs the rule body off the actor, in a `-j` slot, and stores a large value.
    private nonisolated func execute(_ rule: any Rule, _ key: BuildKey, _ context: RuleContext,
                                     acquiringSlot: Bool) async -> Swift.Result<(Data, ContentHash), Error> {
        if acquiringSlot { await slots.acquire() }
        let result: Swift.Result<(Data, ContentHash), Error>
        do {
            let value = try await rule.run(key, in: context)
            let digest = ContentHash(of: value)
            // Not fsynced: a value lost to a crash is computed again (`rebuildLost`), and a
            // paid answer inside it comes from the LLM cache, which is durable.
            if value.count > Trace.inlineLimit { try store.put(value, durable: false) }
            result = .success((value, digest))
        } catch {
            result = .failure(error)
        }
        if acquiringSlot { await slots.release() }
        return result
    }

    /// `keys` spelled with the strings the table holds: each rule that asks for a key built
    /// its own string for it, and the trace's entries keep them until the end of the build.
    private func shared(_ keys: [BuildKey]) -> [BuildKey] {
        keys.map { table.shared($0) }
    }

    /// Keeps a finished key's entry for the next trace, and appends it to the journal
    /// (written at once for a task; a source's waits for the next task's).
    func record(_ key: BuildKey, _ entry: FreshEntry, flush: Bool) {
        table.record(key, entry, in: &journal, flush: flush)
    }

    func fail(_ failure: BuildFailure) -> Outcome {
        if failedInputs[failure.key] == nil { failedInputs[failure.key] = [] }
        summary.tasksFailed += 1
        summary.failures.append(failure)
        observer.failed(failure)
        if !keepGoing {
            if let rule = rules[failure.key.kind] {
                if let scope = rule.scope(of: failure.key) { stoppedScopes.insert(scope) } else { stopped = true }
            } else if !failure.key.isSource {
                stopped = true
            }  // a source that cannot be read stops nothing itself: the rules that read it fail
        }
        return Outcome(failure: failure)
    }

    private func skip(_ failure: BuildFailure) -> Outcome {
        if failure.cause == .cancelled { cancelled.insert(failure.key) }
        summary.tasksSkipped += 1
        if failedInputs[failure.key] == nil { failedInputs[failure.key] = [] }
        return Outcome(failure: failure)
    }
}
