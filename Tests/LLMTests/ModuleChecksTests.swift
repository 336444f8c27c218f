import Foundation
import LLM
import OfflineAuthor
import Testing

/// The rubric's checks, each fed a module with its defect: the check is named as failed and
/// the module scores below the threshold, however well the judgement rated it.
@Suite struct ModuleChecksTests {
    static let source = """
        # Sessions

        A session keeps settings across requests. The `Session` object persists cookies
        across all requests made from it.

        Create a session and send a request with it:

        ```python
        s = requests.Session()
        s.get('https://httpbin.org/cookies/set/sessioncookie/123456789')
        ```

        A cookie jar is a store that holds the cookies a server sets.
        """

    /// A module that passes every check: its source's own text, code and a checkable question.
    static func good() -> [String: JSONValue] {
        // The source's text after its title, and a minute of plain sentences more.
        let body = source.replacingOccurrences(of: "# Sessions\n\n", with: "")
            .replacingOccurrences(of: "\n\nA cookie jar is a store that holds the cookies a server sets.", with: "")
            + "\n\nSessions also pool connections, so repeated requests to one host reuse a socket"
            + " instead of opening a new one every time, which saves a round trip each call."
            + "\n\n" + (1...12).map { "Step \($0) of reading about sessions adds one more plain sentence of text here." }
                .joined(separator: " ")
        return [
            "title": "Sessions and cookies",
            "introduction": "A session keeps settings across requests.",
            "sections": [["heading": "Keeping cookies", "body": .string(body)]],
            "key_terms": [["term": "cookie jar", "definition": "A store that holds the cookies a server sets."]],
            "flashcards": [["front": "cookie jar", "back": "A store that holds the cookies a server sets.",
                            "quote": ["path": "sessions.md", "anchor": "", "text": "A cookie jar is a store that holds the cookies a server sets."]]],
            "questions": [["kind": "cloze", "prompt": "Fill in the blank: The _____ object persists cookies across all requests made from it.",
                           "answer": "Session", "explanation": "The source says so.",
                           "quote": ["path": "sessions.md", "anchor": "", "text": "The `Session` object persists cookies across all requests made from it."]]],
            "summary": "Sessions keep cookies.",
        ]
    }

    static func checks(_ module: [String: JSONValue], others: [String] = ["Timeouts"]) -> [ModuleCheck] {
        ModuleChecks(module: .object(module), sources: .init(texts: ["sessions.md": source], otherTitles: others)).run()
    }

    @Test func aGoodModulePassesEveryCheck() {
        let checks = Self.checks(Self.good())
        #expect(checks.count == 8)
        #expect(checks.filter { !$0.passed }.isEmpty, "\(checks.filter { !$0.passed })")
        #expect(ModuleChecks.capped(0.9, checks: checks, threshold: 0.8) == 0.9)
    }

    /// Each defect, made on the good module, and the check it must fail.
    static let defects: [(check: String, defect: String, make: @Sendable ([String: JSONValue]) -> [String: JSONValue])] = [
        ("no markup in the text", "a DocC symbol link", { m in
            var m = m; m["introduction"] = "Use ``Logging/Logger`` to log."; return m }),
        ("no markup in the text", "a disambiguation suffix", { m in
            var m = m; m["summary"] = "Call run()-7p2fr to start."; return m }),
        ("no markup in the text", "an unresolved reference link", { m in
            var m = m; m["summary"] = "Please [open an issue][issue] if it breaks."; return m }),
        ("no markup in the text", "an emoji shortcode", { m in
            var m = m; m["summary"] = "Sessions are fast :rocket_ship: today."; return m }),
        ("no markup in the text", "an entity escaped twice", { m in
            var m = m; m["summary"] = "Tom &amp;amp; Jerry."; return m }),
        ("code kept", "the source's code dropped", { m in
            var m = m
            m["sections"] = [["heading": "Keeping cookies", "body": .string((1...30).map { "Sentence \($0) about sessions and cookies in plain words." }.joined(separator: " "))]]
            return m }),
        ("no placeholder or repeated text", "a placeholder", { m in
            var m = m; m["summary"] = "This part of the module is about sessions."; return m }),
        ("no placeholder or repeated text", "a paragraph written twice", { m in
            var m = m
            let twice = "Sessions reuse the same connection for many requests to one host, which is faster."
            m["introduction"] = .string(twice)
            var sections = m["sections"]!.array!
            sections.append(["heading": "Speed", "body": .string(twice)])
            m["sections"] = .array(sections)
            return m }),
        ("answers in their quotes", "an answer that is not in its quote", { m in
            var m = m; var q = m["questions"]!.array![0]
            if case .object(var fields) = q { fields["answer"] = "Timeout"; q = .object(fields) }
            m["questions"] = [q]; return m }),
        ("answers in their quotes", "a quote that is not in its source", { m in
            var m = m; var q = m["questions"]!.array![0]
            if case .object(var fields) = q {
                fields["quote"] = ["path": "sessions.md", "anchor": "", "text": "The Session object is made of cheese."]
                fields["answer"] = "Session"; q = .object(fields)
            }
            m["questions"] = [q]; return m }),
        ("flashcards are definitions", "a flashcard split on \u{201C}is\u{201D}", { m in
            var m = m
            m["flashcards"] = [["front": "Once this \u{2192} Done", "back": "proceed with the next step."]]
            return m }),
        ("a title that says what it teaches", "a folder name as title", { m in
            var m = m; m["title"] = "Articles"; return m }),
        ("a title that says what it teaches", "a title another module has", { m in
            var m = m; m["title"] = "Timeouts"; return m }),
        ("sections hold what their headings say", "a section that is its heading again", { m in
            var m = m
            var sections = m["sections"]!.array!
            sections.append(["heading": "Explain overview", "body": "Explain overview"])
            m["sections"] = .array(sections)
            return m }),
        ("reading time in range", "a module of one line", { m in
            var m = m
            m["sections"] = [["heading": "Keeping cookies", "body": "A session keeps settings.\n\n```python\ns = requests.Session()\n```"]]
            return m }),
    ]

    @Test(arguments: 0..<defects.count)
    func eachDefectFailsItsCheckAndScoresBelowTheThreshold(_ index: Int) {
        let (name, defect, make) = Self.defects[index]
        let checks = Self.checks(make(Self.good()))
        let failed = checks.filter { !$0.passed }.map(\.name)
        #expect(failed.contains(name), "\(defect): failed \(failed)")
        #expect(ModuleChecks.capped(1.0, checks: checks, threshold: 0.8) < 0.8, "\(defect)")
    }
}
