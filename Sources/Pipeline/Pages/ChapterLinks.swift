import Diagnostics
import Engine
import Foundation
import Store

/// Links and images of a hand-written chapter, resolved for its page: a link to another
/// chapter of the course stays (the page renderer points it at the chapter's page); an
/// image or a download next to the chapter is copied into the site under its content's
/// digest (`<course>/assets/<digest>.<ext>`). A link to no chapter, or to a file that is
/// not there, becomes plain text, and the build warns with the chapter's file:line:column.
struct ChapterLinks {
    let course: String
    /// The chapter's file, relative to the project (`content/<course>/<slug>.md`).
    let file: String
    /// The course's chapter slugs.
    let chapters: Set<String>
    let environment: PipelineEnvironment
    /// For the chapter's page: copies each file into the site and warns about broken links.
    /// For the course's data, only names them (the page's task copies and warns).
    var forPage = true

    /// The Markdown with its links resolved.
    func resolve(_ markdown: String, in context: RuleContext) async throws -> String {
        try await resolved(markdown, in: context).markdown
    }

    /// The Markdown with its links resolved, and each file it names (`assets/<digest>.<ext>`)
    /// with the project file it comes from.
    func resolved(_ markdown: String, in context: RuleContext) async throws -> (markdown: String, assets: [String: String]) {
        var assets: [String: String] = [:]
        guard markdown.hasBytes("](") else { return (markdown, assets) }
        let fenced = ChapterLinks.fencedRanges(markdown) + ChapterLinks.codeSpans(markdown)
        let matches = ChapterLinks.pattern.matches(in: markdown, range: NSRange(markdown.startIndex..., in: markdown))
        var result = ""
        var last = markdown.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: markdown),
                  !fenced.contains(where: { $0.contains(whole.lowerBound) }) else { continue }
            let group = { (i: Int) in Range(match.range(at: i), in: markdown).map { String(markdown[$0]) } ?? "" }
            let (bang, text, target) = (group(1), group(2), group(3))
            guard let replacement = try await replacement(image: bang == "!", text: text, target: target,
                                                          at: whole.lowerBound, in: markdown, context, assets: &assets)
            else { continue }
            result += markdown[last..<whole.lowerBound] + replacement
            last = whole.upperBound
        }
        return (result + markdown[last...], assets)
    }

    /// The link's new text, or nil to leave it as written (a web link, an anchor).
    private func replacement(image: Bool, text: String, target: String, at position: String.Index,
                             in markdown: String, _ context: RuleContext, assets: inout [String: String]) async throws -> String? {
        if target.contains(":") || target.hasPrefix("#") || target.hasPrefix("/") { return nil }
        let path = String(target.split(separator: "#", maxSplits: 1).first ?? "")
        let shown = text.isEmpty ? "" : (image ? "(image: \(text))" : text)
        guard !path.isEmpty else { return nil }
        if !image, path.hasSuffix(".md"), !path.contains("/") {
            if chapters.contains(String(path.dropLast(3))) { return nil }
            warn("link '\(target)' leads to no chapter of course '\(course)'; shown as text", at: position, in: markdown, context)
            return shown
        }
        let folder = (file as NSString).deletingLastPathComponent
        guard let relative = ChapterLinks.normalized(folder + "/" + path) else {
            warn("'\(target)' is outside the project; shown as text", at: position, in: markdown, context)
            return shown
        }
        let full = environment.projectPath(relative)
        guard try await context.entry(at: full) == .file else {
            warn("\(image ? "image" : "link") '\(target)' names no file (looked for \(relative)); shown as text",
                 at: position, in: markdown, context)
            return shown
        }
        let bytes = try await context.read(full)
        let ext = (path as NSString).pathExtension.lowercased()
        let name = "assets/" + ContentHash(of: bytes).hex.prefix(16) + (ext.isEmpty ? "" : "." + ext)
        if forPage { try context.write(environment.sitePath(course + "/" + name), bytes) }
        assets[name] = relative
        return (image ? "!" : "") + "[\(text)](\(name))"
    }

    private func warn(_ message: String, at position: String.Index, in markdown: String, _ context: RuleContext) {
        guard forPage else { return }
        let before = markdown[..<position]
        let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        context.warn("\(file):\(line):\(column): \(message)")
    }

    /// `path` with `.` and `..` resolved; nil when it climbs out of the project.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The ranges of fenced code blocks, whose brackets are code, not links.
    static func fencedRanges(_ markdown: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var open: (start: String.Index, fence: Substring)?
        var lineStart = markdown.startIndex
        while lineStart < markdown.endIndex {
            let lineEnd = markdown[lineStart...].firstIndex(of: "\n") ?? markdown.endIndex
            let trimmed = markdown[lineStart..<lineEnd].drop { $0 == " " }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if let current = open {
                if marker.count >= current.fence.count, marker.first == current.fence.first {
                    ranges.append(current.start..<lineEnd)
                    open = nil
                }
            } else if marker.count >= 3 {
                open = (lineStart, marker)
            }
            lineStart = lineEnd < markdown.endIndex ? markdown.index(after: lineEnd) : lineEnd
        }
        if let current = open { ranges.append(current.start..<markdown.endIndex) }
        return ranges
    }

    /// The ranges of inline code spans (a run of backticks up to the next run as long).
    static func codeSpans(_ markdown: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = markdown.startIndex
        while let open = markdown[index...].firstIndex(of: "`") {
            let run = markdown[open...].prefix { $0 == "`" }
            var search = run.endIndex
            var closed: String.Index?
            while let next = markdown[search...].firstIndex(of: "`") {
                let closing = markdown[next...].prefix { $0 == "`" }
                if closing.count == run.count { closed = closing.endIndex; break }
                search = closing.endIndex
            }
            guard let closed else { index = run.endIndex; continue }
            ranges.append(open..<closed)
            index = closed
        }
        return ranges
    }

    static let pattern = try! NSRegularExpression(pattern: #"(!?)\[([^\]\n]*)\]\(<?([^)\s>]+)>?(?:\s+"[^"\n]*")?\)"#)
}
