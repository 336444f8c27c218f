import Effects

/// What `TraceAssembly` reads this build's entries from.
protocol FreshSource {
    var isEmpty: Bool { get }
    var count: Int { get }
    var freshKeys: [BuildKey] { get }
    /// Keys are numbered below `rowCount` (a number for every key of the build, not only
    /// those with an entry); a source without numbers has 0, and `row(of:)` nil.
    var rowCount: Int { get }
    func row(of key: BuildKey) -> Int?
    func has(_ key: BuildKey) -> Bool
    mutating func entry(_ key: BuildKey) -> FreshEntry?
}

extension Dictionary: FreshSource where Key == BuildKey, Value == FreshEntry {
    var freshKeys: [BuildKey] { Array(keys) }
    var rowCount: Int { 0 }
    func row(of key: BuildKey) -> Int? { nil }
    func has(_ key: BuildKey) -> Bool { self[key] != nil }
    func entry(_ key: BuildKey) -> FreshEntry? { self[key] }
}

/// This build's entries, by key, where the journal wrote them (`KeyTable`), with the
/// journal they are read back from, for the trace's assembly.
struct JournaledEntries: FreshSource {
    let table: KeyTable
    var journal: JournalWriter

    var isEmpty: Bool { table.freshCount == 0 }
    var count: Int { table.freshCount }
    var freshKeys: [BuildKey] { table.freshKeys }
    var rowCount: Int { table.rowCount }
    func row(of key: BuildKey) -> Int? { table.row(key) }
    func has(_ key: BuildKey) -> Bool { table.hasEntry(key) }
    mutating func entry(_ key: BuildKey) -> FreshEntry? { table.entry(key, in: &journal) }
}
