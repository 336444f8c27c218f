/// Which finished keys hold a value in memory (a large value's bytes, or a decoded value),
/// oldest first, and how many bytes they hold together.
///
/// A build of 10,000 courses computes gigabytes of values, each needed by a few rules that
/// run soon after it. Past `budget` bytes, the oldest are let go: a rule that asks for one
/// later reads it back from the store (or the trace) and decodes it again. Memory then
/// stays flat however many courses the build has.
struct HeldValues {
    let budget: Int
    /// What holding a value costs beyond its bytes (its outcome's box, a decoded form's objects).
    static let overhead = 128
    private var queue: [(key: BuildKey, bytes: Int)] = []
    private var head = 0
    private(set) var bytes = 0

    init(budget: Int) {
        self.budget = budget
    }

    /// Records that `key` now holds about `bytes` bytes; returns the keys to let go, oldest first.
    mutating func hold(_ key: BuildKey, bytes: Int) -> [BuildKey] {
        queue.append((key, bytes))
        self.bytes += bytes
        var released: [BuildKey] = []
        while self.bytes > budget, head < queue.count {
            released.append(queue[head].key)
            self.bytes -= queue[head].bytes
            head += 1
        }
        if head > 4096, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return released
    }
}
