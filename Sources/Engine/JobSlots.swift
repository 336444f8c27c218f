/// At most `count` rule bodies run at once (`-j N`).
///
/// A task holds a slot only while it runs rule code; it gives the slot back while it
/// waits for another key, so a full set of waiting tasks can never starve the tasks
/// they wait for (with `-j 1` too).
actor JobSlots {
    private var free: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(count: Int) {
        free = max(1, count)
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if head < waiters.count {
            let next = waiters[head]
            head += 1
            if head > 1024 && head * 2 > waiters.count {
                waiters.removeFirst(head)
                head = 0
            }
            next.resume()
        } else {
            free += 1
        }
    }
}
