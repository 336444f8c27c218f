import Effects

/// Every key this build has asked for, numbered in the order it was first asked for, with
/// where it stands (running or done, and its outcome), why its rule ran, and where the
/// journal holds the entry it made.
///
/// One dictionary from key to row, and the rest in columns (`Pages`): a build of 10,000
/// courses touches 200,000 keys, and three dictionaries of them (states, reasons, journal
/// offsets) cost some 450 bytes a key and doubled as they grew, so the build's memory was
/// not flat. A row costs about 110 bytes here, and grows a page at a time.
struct KeyTable {
    private var rows: [BuildKey: Int32] = [:]
    private var states = Pages<NodeState?>()
    /// Why each key's rule ran: `Ran`, with the reasons other than `neverBuilt` beside
    /// (a full build's rules all ran for that one; an edit's are few).
    private var ran = Pages<Ran>()
    private var otherReasons: [Int32: RunReason] = [:]
    private var located = Pages<JournalWriter.Location?>()
    /// Entries the journal could not take (its file failed), held here instead.
    private var held: [BuildKey: FreshEntry] = [:]
    /// How many keys have an entry recorded in this build.
    private(set) var freshCount = 0
    private var released = false

    /// The row of `key`, numbered from 0 in the order keys were first asked for.
    func row(_ key: BuildKey) -> Int? { rows[key].map(Int.init) }
    var rowCount: Int { ran.count }

    private mutating func add(_ key: BuildKey) -> Int {
        if let row = rows[key] { return Int(row) }
        precondition(!released, "no key is added once the outcomes are let go of")
        let row = ran.count
        rows[key] = Int32(row)
        states.append(nil)
        ran.append(.no)
        located.append(nil)
        return row
    }

    /// Where `key` stands in this build; nil when nothing asked for it yet.
    subscript(key: BuildKey) -> NodeState? {
        get { row(key).flatMap { $0 < states.count ? states[$0] : nil } }
        set { states[add(key)] = newValue }
    }

    /// `key` spelled with the string the table holds (one string per key for the whole build).
    func shared(_ key: BuildKey) -> BuildKey {
        rows.index(forKey: key).map { rows[$0].key } ?? key
    }

    /// Lets go of every outcome (the trace's assembly needs only the keys and their records).
    mutating func releaseStates() {
        states = Pages()
        released = true
    }

    // MARK: Why rules ran

    private enum Ran: UInt8 {
        case no, neverBuilt, other
    }

    /// Why `key`'s rule ran in this build; nil when it did not run, or failed.
    func reason(_ key: BuildKey) -> RunReason? { row(key).flatMap(reason(row:)) }

    private func reason(row: Int) -> RunReason? {
        switch ran[row] {
        case .no: nil
        case .neverBuilt: .neverBuilt
        case .other: otherReasons[Int32(row)]
        }
    }

    mutating func setReason(_ reason: RunReason?, for key: BuildKey) {
        let row = add(key)
        if ran[row] == .other { otherReasons[Int32(row)] = nil }
        switch reason {
        case nil: ran[row] = .no
        case .neverBuilt?: ran[row] = .neverBuilt
        case let other?:
            ran[row] = .other
            otherReasons[Int32(row)] = other
        }
    }

    /// Every key whose rule ran, with why.
    func ranKeys() -> [BuildKey: RunReason] {
        var all: [BuildKey: RunReason] = [:]
        for (key, row) in rows { if let reason = reason(row: Int(row)) { all[key] = reason } }
        return all
    }

    // MARK: This build's entries

    /// True when `key` recorded an entry in this build.
    func hasEntry(_ key: BuildKey) -> Bool {
        if let row = row(key), located[row] != nil { return true }
        return held[key] != nil
    }

    /// The keys that recorded an entry in this build.
    var freshKeys: [BuildKey] {
        rows.compactMap { located[Int($0.value)] != nil ? $0.key : nil } + Array(held.keys)
    }

    /// Records `key`'s entry in `journal`, or holds it here when the journal is broken.
    mutating func record(_ key: BuildKey, _ entry: FreshEntry, in journal: inout JournalWriter, flush: Bool) {
        if !hasEntry(key) { freshCount += 1 }
        let row = add(key)
        if let location = journal.append(key, entry, flush: flush) {
            located[row] = location
            held[key] = nil
        } else {
            held[key] = entry
            located[row] = nil
        }
    }

    /// The entry recorded for `key` in this build; nil when there is none, or when its
    /// record can no longer be read back (its task then counts as not built).
    func entry(_ key: BuildKey, in journal: inout JournalWriter) -> FreshEntry? {
        if let entry = held[key] { return entry }
        guard let row = row(key), let location = located[row],
              let (found, entry) = journal.record(at: location), found == key else { return nil }
        return entry
    }
}
