extension String {
    /// Whether `needle` occurs in the text, searched as UTF-8 bytes. For the checks run on
    /// every page of a build: Foundation's `contains` goes through CFString and was a tenth
    /// of a full build at 1,000 courses.
    public func hasBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count, h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
