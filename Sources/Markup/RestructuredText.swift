import Foundation

/// reStructuredText as Markdown, as far as reading a documentation set needs: underlined
/// titles become headings (the first underline style seen is level 1, and so on); literal
/// blocks (`::`, `code-block`, doctest `>>>` lines) become fenced code with their language;
/// `note`, `warning` and their kind become quoted notes; Sphinx roles (`:ref:`, `:doc:`,
/// `:class:`, …) become text or code; hyperlinks become links; directives that only matter
/// to Sphinx (toctree, autodoc, targets, badges, comments) are left out. Indentation that
/// Markdown would read as code is removed from everything else.
enum RestructuredText {
    /// Sphinx's default highlighting language, for `::` blocks that name none.
    static let defaultLanguage = "python"

    static func markdown(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\t", with: "    ") }
        let targets = RestructuredText.targets(lines)
        var styles: [String] = []
        var out: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Titles: text over an underline (optionally with an overline of the same style).
            if isUnderline(line), i + 2 < lines.count, isUnderline(lines[i + 2]), !lines[i + 1].trimmingCharacters(in: .whitespaces).isEmpty {
                out += ["", heading(lines[i + 1], style: "over" + String(line.first!), &styles), ""]
                i += 3
                continue
            }
            if !trimmed.isEmpty, indentation(line) == 0, i + 1 < lines.count, isUnderline(lines[i + 1]), !isUnderline(line),
               lines[i + 1].count >= trimmed.count {
                out += ["", heading(line, style: String(lines[i + 1].first!), &styles), ""]
                i += 2
                continue
            }
            if trimmed.hasPrefix(".. ") || trimmed == ".." {
                i = directive(lines, at: i, into: &out)
                continue
            }
            if trimmed.hasPrefix(">>>") {
                var block: [String] = []
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
                    block.append(dedent(lines[i], by: indentation(line)))
                    i += 1
                }
                out += ["", "```pycon"] + block + ["```", ""]
                continue
            }
            if trimmed.hasSuffix("::"), !trimmed.hasPrefix(".."), let (block, next) = indentedBlock(lines, after: i) {
                let intro = String(trimmed.dropLast(2)).trimmingCharacters(in: .whitespaces)
                if !intro.isEmpty { out.append(inline(intro.hasSuffix(" ") ? intro : intro + ":")) }
                let language = RestructuredText.language(of: block)
                out += ["", "```" + language] + block + ["```", ""]
                i = next
                continue
            }
            // A paragraph: its lines together, so a role or link that wraps is read whole.
            var paragraph = [trimmed]
            i += 1
            while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty, !startsBlock(lines, at: i) {
                paragraph.append(lines[i].trimmingCharacters(in: .whitespaces))
                i += 1
            }
            // A `::` whose literal block did not follow is punctuation only.
            if let last = paragraph.last, last.hasSuffix("::") {
                paragraph[paragraph.count - 1] = last.hasSuffix(" ::") ? String(last.dropLast(3)) : String(last.dropLast())
            }
            out += inline(paragraph.joined(separator: "\n"), targets).components(separatedBy: "\n").map(listItem)
        }
        return out.joined(separator: "\n").replacingOccurrences(of: "\n\n\n+", with: "\n\n", options: .regularExpression)
    }

    /// Whether line `i` starts something other than a paragraph's next line: a title, a
    /// directive, a list item, a literal block's intro, a doctest.
    private static func startsBlock(_ lines: [String], at i: Int) -> Bool {
        let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("..") || trimmed.hasPrefix(">>>") || trimmed.hasSuffix("::") || isUnderline(lines[i]) { return true }
        if i + 1 < lines.count, isUnderline(lines[i + 1]) { return true }
        return ["- ", "* ", "+ ", "#. "].contains { trimmed.hasPrefix($0) }
            || (trimmed.first?.isNumber == true && trimmed.drop { $0.isNumber }.hasPrefix(". "))
    }

    /// The language of a literal block with none named: a shell session, HTML, a Python
    /// session, else Sphinx's default.
    static func language(of block: [String]) -> String {
        let first = block.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.trimmingCharacters(in: .whitespaces) ?? ""
        if first.hasPrefix(">>>") { return "pycon" }
        if first.hasPrefix("$ ") || first.hasPrefix("% ") { return "console" }
        if first.hasPrefix("<") { return "html" }
        return defaultLanguage
    }

    private static func heading(_ text: String, style: String, _ styles: inout [String]) -> String {
        if !styles.contains(style) { styles.append(style) }
        return String(repeating: "#", count: min(6, styles.firstIndex(of: style)! + 1)) + " "
            + inline(text.trimmingCharacters(in: .whitespaces))
    }

    /// `#. step` → `1. step`; other bullets are Markdown's too.
    private static func listItem(_ line: String) -> String {
        line.hasPrefix("#. ") ? "1. " + line.dropFirst(3) : line
    }

    /// A directive at `start` and its indented body: what it becomes; the index after it.
    private static func directive(_ lines: [String], at start: Int, into out: inout [String]) -> Int {
        let trimmed = lines[start].trimmingCharacters(in: .whitespaces)
        let head = trimmed.dropFirst(3)
        let (body, next) = indentedBlock(lines, after: start) ?? ([], start + 1)
        guard let marker = head.range(of: "::") else { return next }  // a comment or a target (`.. _name:`)
        let name = head[..<marker.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
        let argument = head[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        let content = body.drop { $0.trimmingCharacters(in: .whitespaces).hasPrefix(":") }  // options
        switch name {
        case "code-block", "code", "sourcecode", "highlight":
            guard name != "highlight" else { return next }
            let code = trimmedBlock(Array(content))
            out += ["", "```" + (argument.isEmpty ? language(of: code) : argument)] + code + ["```", ""]
        case "note", "warning", "tip", "important", "caution", "danger", "attention", "hint", "seealso", "admonition",
             "versionadded", "versionchanged", "deprecated":
            let label = name == "admonition" ? argument : noteLabel(name, argument)
            out += ["", "> **\(label)**"]
            let text = name == "admonition" || label.contains(argument) ? [] : [argument]
            // The note's body is reST too (literal blocks, lists): read it, then quote it.
            let body = markdown((text + trimmedBlock(Array(content))).joined(separator: "\n"))
            for line in body.components(separatedBy: "\n") { out.append(line.isEmpty ? ">" : "> " + line) }
            out.append("")
        case "image", "figure":
            if !argument.contains("://") {
                let alt = body.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(":alt:") }
                    .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(5).trimmingCharacters(in: .whitespaces) } ?? ""
                out += ["", "![\(alt)](\(argument))", ""]
            }
        case "rubric":
            out += ["", "**\(inline(argument))**", ""]
        case "autofunction", "autoclass", "automethod", "autoattribute", "autoexception", "automodule", "autodata":
            // Sphinx fills these from the code's docstrings, which a documentation folder does
            // not hold: the reader gets what is documented, by name.
            out += ["- `\(argument)`"]
        default:
            break  // toctree, autodoc, module, index, raw, include, only, …: nothing a reader sees
        }
        return next
    }

    private static func noteLabel(_ name: String, _ argument: String) -> String {
        switch name {
        case "seealso": "See also"
        case "versionadded": "New in version \(argument)"
        case "versionchanged": "Changed in version \(argument)"
        case "deprecated": "Deprecated since version \(argument)"
        default: name.prefix(1).uppercased() + name.dropFirst()
        }
    }

    /// The lines indented under line `index` (after blank lines), dedented; nil if none.
    private static func indentedBlock(_ lines: [String], after index: Int) -> ([String], Int)? {
        let base = indentation(lines[index])
        var i = index + 1
        var block: [String] = []
        while i < lines.count {
            let line = lines[i]
            if line.trimmingCharacters(in: .whitespaces).isEmpty { block.append(""); i += 1; continue }
            if indentation(line) <= base { break }
            block.append(line)
            i += 1
        }
        while block.last == "" { block.removeLast() }
        while block.first == "" { block.removeFirst() }
        guard !block.isEmpty else { return nil }
        let margin = block.filter { !$0.isEmpty }.map(indentation).min() ?? 0
        return (block.map { dedent($0, by: margin) }, i)
    }

    private static func trimmedBlock(_ lines: [String]) -> [String] {
        Array(lines.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed())
    }

    private static func isUnderline(_ line: String) -> Bool {
        guard let first = line.first, line.count >= 3, "=-~^\"'`#*+_.:".contains(first) else { return false }
        return line.allSatisfy { $0 == first }
    }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func dedent(_ line: String, by count: Int) -> String {
        String(line.dropFirst(min(count, indentation(line))))
    }

    // MARK: Inline markup

    /// Roles, hyperlinks, inline literals and substitutions of one line.
    static func inline(_ line: String, _ targets: [String: String] = [:]) -> String {
        var text = line
        // ``literal`` → `literal`
        text = text.replacingOccurrences(of: #"``([^`]+)``"#, with: "`$1`", options: .regularExpression)
        // :role:`Title <target>` and :role:`target`
        text = rolePattern.replacingMatches(in: text) { groups in
            let (role, content) = (groups[1], groups[2])
            var shown = content
            if let open = content.lastIndex(of: "<"), content.hasSuffix(">") {
                shown = content[..<open].trimmingCharacters(in: .whitespaces)
            }
            let code = ["class", "meth", "func", "attr", "mod", "exc", "data", "obj", "const", "py:class", "py:meth",
                        "py:func", "py:attr", "py:mod", "py:exc", "py:data", "py:obj", "envvar", "option", "program",
                        "command", "file", "samp", "kbd"].contains(role)
            if code {
                if shown.hasPrefix("~") { shown = String(shown.dropFirst().split(separator: ".").last ?? "") }
                return "`" + shown.trimmingCharacters(in: CharacterSet(charactersIn: "!")) + "`"
            }
            if shown == content, role == "doc" || role == "ref" {
                shown = MarkdownCleaner.humanized(String(content.split(separator: "/").last ?? Substring(content)))
            }
            return shown
        }
        // `Text <url>`_ and `Text <url>`__ → [Text](url); `Text`_ → Text
        text = text.replacingOccurrences(of: #"`([^`<]+?)\s*<([^>`]+)>`__?"#, with: "[$1]($2)", options: .regularExpression)
        // `Text`_ → a link when the document names its target (`.. _Text: url`), else Text
        text = namedReference.replacingMatches(in: text) { groups in
            targets[groups[1].lowercased()].map { "[\(groups[1])](\($0))" } ?? groups[1]
        }
        // |substitution| → nothing a reader can use (badges, a version number)
        text = text.replacingOccurrences(of: #"\|[A-Za-z][\w -]*\|_?"#, with: "", options: .regularExpression)
        // `\ ` is reST's escaped space, which joins markup to a word: nothing to show.
        text = text.replacingOccurrences(of: "\\ ", with: "")
        return text
    }

    private static let namedReference = try! NSRegularExpression(pattern: #"`([^`]+)`__?"#)

    /// `.. _name: url` hyperlink targets, by lower-cased name.
    static func targets(_ lines: [String]) -> [String: String] {
        var found: [String: String] = [:]
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(".. _"), let colon = trimmed.range(of: ": ") else { continue }
            let name = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)..<colon.lowerBound]
                .trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let url = trimmed[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if url.contains("://") { found[name.lowercased()] = url }
        }
        return found
    }

    private static let rolePattern = try! NSRegularExpression(pattern: #":([a-z]+(?::[a-z]+)?):`([^`]+)`"#)

}
