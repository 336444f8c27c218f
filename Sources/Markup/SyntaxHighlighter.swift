import Diagnostics

/// Syntax highlighting done when the page is built, so a page needs no script for it:
/// the code of a `<pre><code class="language-…">` block is cut into comments, strings,
/// numbers, keywords and the rest, and each but the rest is wrapped in a `<span class="tok-…">`
/// the theme colours. A small lexer per family of languages, not a parser: it colours what
/// a reader scans for and never changes the text. Unknown languages are left as they are.
public enum SyntaxHighlighter {
    /// What a language's lexer needs to know.
    struct Language {
        var keywords: Set<String>
        var lineComments: [String]
        var blockComment: (open: String, close: String)?
        var quotes: Set<Character>
    }

    static let cFamily: Set<String> = ["if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue",
                                       "return", "true", "false", "null", "new", "class", "struct", "enum", "const", "static",
                                       "public", "private", "protected", "import", "try", "catch", "throw", "void", "this"]

    static let languages: [String: Language] = {
        let swift = Language(keywords: ["func", "let", "var", "if", "else", "guard", "for", "in", "while", "repeat", "switch",
                                        "case", "default", "return", "break", "continue", "struct", "class", "enum", "protocol",
                                        "extension", "import", "init", "self", "Self", "true", "false", "nil", "throws", "throw",
                                        "try", "await", "async", "actor", "public", "private", "internal", "static", "where",
                                        "some", "any", "do", "catch", "defer", "typealias", "mutating", "inout", "is", "as"],
                             lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\""])
        let python = Language(keywords: ["def", "class", "if", "elif", "else", "for", "while", "in", "not", "and", "or", "is",
                                         "return", "import", "from", "as", "with", "try", "except", "finally", "raise", "pass",
                                         "break", "continue", "lambda", "yield", "None", "True", "False", "async", "await", "global"],
                              lineComments: ["#"], blockComment: nil, quotes: ["\"", "'"])
        let shell = Language(keywords: ["if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "case", "esac",
                                        "function", "return", "export", "local", "echo", "cd", "set"],
                             lineComments: ["#"], blockComment: nil, quotes: ["\"", "'"])
        let javascript = Language(keywords: cFamily.union(["function", "let", "var", "const", "await", "async", "typeof",
                                                           "undefined", "export", "from", "of", "in", "yield", "extends"]),
                                  lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'", "`"])
        let cLike = Language(keywords: cFamily.union(["int", "char", "float", "double", "long", "unsigned", "bool", "auto",
                                                      "func", "package", "go", "defer", "fn", "let", "mut", "impl", "match",
                                                      "use", "pub", "mod", "trait", "interface", "extends", "implements", "var",
                                                      "nil", "self", "template", "typename", "namespace", "include", "define"]),
                             lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'"])
        let data = Language(keywords: ["true", "false", "null", "yes", "no", "on", "off"], lineComments: ["#"],
                            blockComment: nil, quotes: ["\"", "'"])
        var table: [String: Language] = [:]
        for name in ["swift"] { table[name] = swift }
        for name in ["python", "py", "python3", "pycon"] { table[name] = python }
        for name in ["sh", "bash", "shell", "console", "zsh", "shell-session"] { table[name] = shell }
        for name in ["js", "javascript", "ts", "typescript", "jsx", "tsx", "mjs"] { table[name] = javascript }
        for name in ["c", "h", "cpp", "c++", "cc", "objc", "go", "rust", "rs", "java", "kotlin", "kt", "csharp", "cs", "scala"] {
            table[name] = cLike
        }
        for name in ["json", "yaml", "yml", "toml", "ini"] { table[name] = data }
        return table
    }()

    /// `html` with every code block of a known language highlighted.
    public static func highlight(_ html: String) -> String {
        guard html.hasBytes("<code class=\"language-") else { return html }
        var result = ""
        var rest = html[...]
        while let open = rest.range(of: "<pre><code class=\"language-") {
            result += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let quote = rest.firstIndex(of: "\""), let tagEnd = rest[quote...].firstIndex(of: ">"),
                  let close = rest[tagEnd...].range(of: "</code></pre>") else { break }
            let name = String(rest[..<quote]).lowercased()
            let code = rest[rest.index(after: tagEnd)..<close.lowerBound]
            result += rest[..<rest.index(after: tagEnd)]
            result += languages[name].map { highlight(String(code), $0) } ?? String(code)
            rest = rest[close.lowerBound...]
        }
        return result + rest
    }

    /// Code (HTML-escaped, as cmark wrote it) with its tokens wrapped.
    static func highlight(_ escaped: String, _ language: Language) -> String {
        let code = Array(unescape(escaped))
        var out = ""
        var i = 0
        func emit(_ kind: String?, _ from: Int, _ to: Int) {
            let text = escape(String(code[from..<to]))
            out += kind.map { "<span class=\"tok-\($0)\">\(text)</span>" } ?? text
        }
        func starts(_ token: String, at index: Int) -> Bool {
            let t = Array(token)
            return index + t.count <= code.count && Array(code[index..<index + t.count]) == t
        }
        var plain = 0
        while i < code.count {
            let c = code[i]
            var kind: String?
            var end = i
            if let comment = language.lineComments.first(where: { starts($0, at: i) }),
               comment != "#" || i == 0 || code[i - 1].isWhitespace {
                end = code[i...].firstIndex(of: "\n") ?? code.count
                kind = "c"
            } else if let block = language.blockComment, starts(block.open, at: i) {
                end = i + block.open.count
                while end < code.count, !starts(block.close, at: end) { end += 1 }
                end = min(code.count, end + block.close.count)
                kind = "c"
            } else if language.quotes.contains(c) {
                end = i + 1
                while end < code.count, code[end] != c, code[end] != "\n" {
                    end += code[end] == "\\" ? 2 : 1
                }
                end = min(code.count, end + 1)
                kind = "s"
            } else if c.isNumber, i == 0 || !(code[i - 1].isLetter || code[i - 1] == "_") {
                end = i
                while end < code.count, code[end].isNumber || code[end] == "." || code[end] == "_" || code[end].isHexDigit { end += 1 }
                kind = "n"
            } else if c.isLetter || c == "_" {
                end = i
                while end < code.count, code[end].isLetter || code[end].isNumber || code[end] == "_" { end += 1 }
                if language.keywords.contains(String(code[i..<end])) { kind = "k" } else { i = end; continue }
            } else {
                i += 1
                continue
            }
            if plain < i { emit(nil, plain, i) }
            emit(kind, i, end)
            i = end
            plain = end
        }
        if plain < code.count { emit(nil, plain, code.count) }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
