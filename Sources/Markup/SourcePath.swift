/// Paths inside a repository.
public enum SourcePath {
    /// `target` relative to the folder of `from`, with `.` and `..` taken out; a target
    /// that starts with `/` is from the root.
    public static func resolve(_ target: String, from: String) -> String {
        var parts = target.hasPrefix("/") ? [] : from.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(String(part))
        }
        return parts.joined(separator: "/")
    }
}
