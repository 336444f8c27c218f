import Effects

/// This build's trace entries, by key, where the journal wrote them: a table of offsets
/// into the journal file, each record read back when it is asked for (by the trace's
/// assembly at the end, or for a small value let go of in memory).
///
/// A build of 10,000 courses makes 150,000 entries; held in memory they were half of its
/// growth, so that its memory was not flat. An entry the journal could not take (its file
/// failed) is held in memory instead.
struct FreshEntries {
    private var located: [BuildKey: JournalWriter.Location] = [:]
    private var held: [BuildKey: FreshEntry] = [:]

    var isEmpty: Bool { located.isEmpty && held.isEmpty }
    var count: Int { located.count + held.count }
    var freshKeys: [BuildKey] { Array(located.keys) + Array(held.keys) }

    func has(_ key: BuildKey) -> Bool { located[key] != nil || held[key] != nil }

    /// Records `key`'s entry in `journal`, or in memory when the journal is broken.
    mutating func record(_ key: BuildKey, _ entry: FreshEntry, in journal: inout JournalWriter, flush: Bool) {
        if let location = journal.append(key, entry, flush: flush) {
            located[key] = location
            held[key] = nil
        } else {
            held[key] = entry
            located[key] = nil
        }
    }

    /// The entry recorded for `key` in this build; nil when there is none, or when its
    /// record can no longer be read back (its task then counts as not built).
    func entry(_ key: BuildKey, in journal: inout JournalWriter) -> FreshEntry? {
        if let entry = held[key] { return entry }
        guard let location = located[key], let (found, entry) = journal.record(at: location), found == key else { return nil }
        return entry
    }
}

/// What `TraceAssembly` reads this build's entries from.
protocol FreshSource {
    var isEmpty: Bool { get }
    var count: Int { get }
    var freshKeys: [BuildKey] { get }
    func has(_ key: BuildKey) -> Bool
    mutating func entry(_ key: BuildKey) -> FreshEntry?
}

extension Dictionary: FreshSource where Key == BuildKey, Value == FreshEntry {
    var freshKeys: [BuildKey] { Array(keys) }
    func has(_ key: BuildKey) -> Bool { self[key] != nil }
    func entry(_ key: BuildKey) -> FreshEntry? { self[key] }
}

/// `FreshEntries` with the journal it reads from, for the trace's assembly.
struct JournaledEntries: FreshSource {
    let entries: FreshEntries
    var journal: JournalWriter

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    var freshKeys: [BuildKey] { entries.freshKeys }
    func has(_ key: BuildKey) -> Bool { entries.has(key) }
    mutating func entry(_ key: BuildKey) -> FreshEntry? { entries.entry(key, in: &journal) }
}
