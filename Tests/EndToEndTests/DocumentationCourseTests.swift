import Foundation
import Markup
import Testing

/// Courses built offline from documentation nobody here wrote: the mdBook guide, the
/// MkDocs docs and Requests' Sphinx docs (../shared/fixtures/docs, each made a git
/// repository here), and the DocC catalogs of swift-log and swift-argument-parser (cloned
/// by their GitHub URLs, which git on this machine resolves offline). Each course is read
/// as a learner meets it: its module pages and its `api/courses/<id>.json`.
@Suite(.serialized)
struct DocumentationCourseTests {
    struct Source {
        var id: String
        /// The catalog's `url`, or the fixture folder to make a repository of.
        var url: String?
        var fixture: String?
        var ref: String
        var folder: String
        /// The document the authors' order file names first.
        var first: String
    }

    /// The shared documentation fixtures: beside the checkout (../shared), or where this
    /// machine keeps them for every clone (CI clones elsewhere), or `SCROLLBUILD_DOC_FIXTURES`.
    static let fixtures: URL = {
        let candidates = [ProcessInfo.processInfo.environment["SCROLLBUILD_DOC_FIXTURES"],
                          TestProject.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/docs").path,
                          "/work/shared/fixtures/docs"].compactMap { $0 }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0 + "/mdbook-guide") } ?? candidates[0]
        return URL(fileURLWithPath: found)
    }()

    static let sources = [
        Source(id: "mdbook-guide", fixture: "mdbook-guide", ref: "main", folder: "guide/src", first: "guide/src/README.md"),
        Source(id: "mkdocs-docs", fixture: "mkdocs-docs", ref: "main", folder: "docs", first: "docs/index.md"),
        Source(id: "requests-docs", fixture: "requests-docs", ref: "main", folder: "docs", first: "docs/index.rst"),
        Source(id: "swift-log", url: "https://github.com/apple/swift-log", ref: "1.16.2",
               folder: "Sources/Logging/Docs.docc", first: "Sources/Logging/Docs.docc/index.md"),
        Source(id: "argument-parser", url: "https://github.com/apple/swift-argument-parser", ref: "1.8.2",
               folder: "Sources/ArgumentParser/Documentation.docc",
               first: "Sources/ArgumentParser/Documentation.docc/ArgumentParser.md"),
    ]

    /// One project with the five courses, built once for every test of the suite.
    static let built: Result<(TestProject, [String: URL]), any Error> = Result {
        let project = try TestProject.empty().withTheme()
        var roots: [String: URL] = [:]
        for source in sources {
            var url = source.url ?? ""
            if let fixture = source.fixture {
                let repository = try DocsRepository.make()
                for item in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(fixture).path) {
                    try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture).appendingPathComponent(item),
                                                     to: repository.root.appendingPathComponent(item))
                }
                try repository.commit("The \(fixture) documentation")
                url = repository.root.path
                roots[source.id] = repository.root
            }
            try project.write("catalog/\(source.id).md", """
                ---
                id: \(source.id)
                title: \(source.id) from its documentation
                level: beginner
                outputs: [site\(source.id == "mdbook-guide" || source.id == "swift-log" ? ", epub" : "")]
                source:
                  kind: repo
                  url: \(url)
                  ref: \(source.ref)
                  folders: [\(source.folder)]
                ---
                The \(source.id) documentation, as a course.
                """)
        }
        let run = try project.json(["all"])
        guard run.status == 0, run.tasksFailed == 0 else { throw TestFailure("the build failed: \(run.errors)") }
        return (project, roots)
    }

    static func course(_ id: String) throws -> (project: TestProject, data: [String: Any], pages: [String: String]) {
        let (project, _) = try built.get()
        let data = try JSONSerialization.jsonObject(with: Data(try project.read("build/site/api/courses/\(id).json").utf8))
        guard let data = data as? [String: Any] else { throw TestFailure("api/courses/\(id).json is not an object") }
        let modules = data["modules"] as? [[String: Any]] ?? []
        var pages: [String: String] = [:]
        for module in modules {
            let slug = module["slug"] as? String ?? ""
            pages[slug] = try project.read("build/site/\(id)/\(slug).html")
        }
        return (project, data, pages)
    }

    /// The text of the source file `path` of a course, from the fixture or the clone.
    static func sourceText(_ source: Source, _ path: String) throws -> String {
        if let root = try built.get().1[source.id] {
            return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        let repository = "/opt/swift-packages/" + (source.url ?? "").replacingOccurrences(of: "https://github.com/", with: "") + ".git"
        let show = Process()
        show.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        show.arguments = ["-C", repository, "show", "\(source.ref):\(path)"]
        let pipe = Pipe()
        show.standardOutput = pipe
        try show.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        show.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Issue 14: an EPUB of documentation nobody here wrote passes both epubchecks.
    @Test(arguments: ["mdbook-guide", "swift-log"])
    func anEPUBOfTheDocumentationPassesEpubcheck(_ id: String) throws {
        let (project, _) = try Self.built.get()
        let epub = project.path("build/site/\(id)/\(id).epub")
        #expect(project.exists("build/site/\(id)/\(id).epub"))
        for (version, jar) in PackageValidationTests.epubchecks {
            #expect(try PackageValidationTests.run(["java", "-jar", jar, "--version"]).output.contains("EPUBCheck v\(version)"))
            let (_, output) = try PackageValidationTests.run(["java", "-jar", jar, epub])
            #expect(output.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "epubcheck \(version) on \(id):\n\(output)")
        }
    }

    @Test(arguments: sources.map(\.id))
    func thePathwayStartsWhereTheAuthorsOrderStarts(_ id: String) throws {
        let source = Self.sources.first { $0.id == id }!
        let (_, data, _) = try Self.course(id)
        let modules = data["modules"] as? [[String: Any]] ?? []
        let first = ((modules.first?["sources"] as? [[String: Any]])?.first?["path"] as? String) ?? ""
        #expect(first == source.first)
        #expect(modules.count >= 3)
    }

    @Test(arguments: sources.map(\.id))
    func modulePagesShowNoSourceMarkupKeepTheCodeAndLinkNowhereEmpty(_ id: String) throws {
        let source = Self.sources.first { $0.id == id }!
        let (project, data, pages) = try Self.course(id)
        var leaks: [String] = []
        var shownCode = ""
        for (slug, html) in pages {
            leaks += MarkupLeak.scan(PageText.prose(html)).map { "\(slug): \($0)" }
            shownCode += PageText.code(html).joined(separator: "\n")
            #expect(!html.contains("href=\"\""), "\(slug) has an empty link")
            for image in PageText.images(html) where !image.contains("://") {
                #expect(project.exists("build/site/\(id)/\(image)"), "\(slug) shows \(image), which is not in the site")
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(5))")

        // The sources' code blocks, from the files the modules draw on.
        let paths = Set((data["modules"] as? [[String: Any]] ?? []).flatMap { ($0["sources"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } })
        var blocks: [String] = []
        for path in paths { blocks += CodeBlocks.in(try Self.sourceText(source, path), path: path) }
        let shown = PageText.collapsed(shownCode)
        let found = blocks.filter { shown.contains(String(PageText.collapsed($0).prefix(120))) }
        #expect(blocks.count >= 3, "too few code blocks in the sources to measure: \(blocks.count)")
        #expect(Double(found.count) >= 0.6 * Double(blocks.count), "\(found.count) of \(blocks.count) code blocks shown")
        print("\(id): \(found.count) of \(blocks.count) code blocks of the sources are on its module pages")
    }

    @Test(arguments: sources.map(\.id))
    func moduleTitlesAreUniqueAndNeverAFolderName(_ id: String) throws {
        let source = Self.sources.first { $0.id == id }!
        let (_, data, _) = try Self.course(id)
        let titles = (data["modules"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(Set(titles.map { $0.lowercased() }).count == titles.count, "\(titles)")
        let paths = (data["modules"] as? [[String: Any]] ?? []).flatMap { ($0["sources"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }
        let folders = Set(paths.flatMap { $0.split(separator: "/").dropLast().map { $0.lowercased() } } + source.folder.split(separator: "/").map { $0.lowercased() })
        let generic: Set<String> = ["documentation", "articles", "extensions", "docs", "guide", "reference", "overview"]
        for title in titles {
            #expect(!folders.contains(title.lowercased()) && !generic.contains(title.lowercased()), "\(title)")
        }
    }

    @Test(arguments: sources.map(\.id))
    func everyQuestionCanBeCheckedAgainstItsSource(_ id: String) throws {
        let source = Self.sources.first { $0.id == id }!
        let (_, data, _) = try Self.course(id)
        let description = data["description"] as? String ?? ""
        var texts: [String: String] = [:]
        var scores: [Double] = []
        var asked = 0
        for module in data["modules"] as? [[String: Any]] ?? [] {
            let headings = Set((module["sections"] as? [[String: Any]] ?? []).compactMap { $0["heading"] as? String })
            let evaluation = module["evaluation"] as? [String: Any] ?? [:]
            scores.append(evaluation["score"] as? Double ?? 0)
            let failed = (evaluation["checks"] as? [[String: Any]] ?? []).filter { $0["passed"] as? Bool != true }
            #expect(failed.isEmpty, "\(module["title"] ?? ""): \(failed)")
            for question in module["questions"] as? [[String: Any]] ?? [] {
                asked += 1
                let kind = question["kind"] as? String ?? ""
                let answer = question["answer"] as? String ?? ""
                let quote = question["quote"] as? [String: Any] ?? [:]
                let path = quote["path"] as? String ?? ""
                let text = quote["text"] as? String ?? ""
                if texts[path] == nil {
                    let raw = try Self.sourceText(source, path)
                    let format = DocumentFormat(path: path) ?? .markdown
                    texts[path] = PageText.comparable(try DocumentText.convert(Data(raw.utf8), format: format).markdown)
                }
                #expect(texts[path]!.contains(PageText.comparable(text)), "\(path) does not hold the quote \u{201C}\(text)\u{201D}")
                if kind == "cloze" || kind == "multiple_choice" {
                    #expect(PageText.comparable(text).lowercased().contains(PageText.comparable(answer).lowercased()),
                            "the answer \u{201C}\(answer)\u{201D} is not in its quote \u{201C}\(text)\u{201D}")
                }
                if kind == "multiple_choice" {
                    let choices = question["choices"] as? [String] ?? []
                    #expect(choices.filter { $0 == answer }.count == 1 && Set(choices).count == choices.count, "\(choices)")
                }
                if kind == "short_answer" {
                    #expect(answer != description && !headings.contains(answer), "\(answer)")
                }
            }
        }
        #expect(asked >= 3 * scores.count, "\(asked) questions for \(scores.count) modules")
        let sorted = scores.sorted()
        print("\(id): rubric scores min \(sorted.first ?? 0), median \(sorted[sorted.count / 2]), max \(sorted.last ?? 0)")
    }
}

/// Reading a built page as a learner sees it.
enum PageText {
    /// Visible text outside code: scripts, styles, code blocks and spans, and tags out;
    /// entities decoded once, as a browser does.
    static func prose(_ html: String) -> String {
        var text = html
        for pattern in ["(?s)<script[^>]*>.*?</script>", "(?s)<style[^>]*>.*?</style>", "(?s)<pre[^>]*>.*?</pre>", "(?s)<code[^>]*>.*?</code>",
                        "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression])
        }
        return decode(text)
    }

    /// The text of every `<pre>` block.
    static func code(_ html: String) -> [String] {
        matches(#"<pre[^>]*>(.*?)</pre>"#, in: html).map { decode($0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)) }
    }

    static func images(_ html: String) -> [String] { matches(#"<img[^>]* src="([^"]*)""#, in: html) }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func collapsed(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// Text as quotes are compared: emphasis, code marks and link targets out, whitespace collapsed.
    static func comparable(_ text: String) -> String {
        let unlinked = text.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        return collapsed(unlinked.replacingOccurrences(of: #"[*`]"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "\u{2019}", with: "'"))
    }

    private static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}

/// Code blocks as the source files hold them: Markdown fences; reST `::` literal blocks,
/// `code-block` directives and `>>>` sessions.
enum CodeBlocks {
    static func `in`(_ text: String, path: String) -> [String] {
        path.hasSuffix(".rst") ? restructured(text) : markdown(text)
    }

    static func markdown(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        var fence = ""
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first })
                current = []
            } else if current != nil, trimmed.hasPrefix(fence), trimmed.allSatisfy({ $0 == fence.first }) {
                if let block = current, !block.joined().trimmingCharacters(in: .whitespaces).isEmpty { blocks.append(block.joined(separator: "\n")) }
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    static func restructured(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [String] = []
        var i = 0
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            let opens = (trimmed.hasSuffix("::") && !trimmed.hasPrefix("..")) || trimmed.hasPrefix(".. code-block::")
                || trimmed.hasPrefix(".. code::") || trimmed.hasPrefix(".. sourcecode::")
            i += 1
            guard opens else { continue }
            var block: [String] = []
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty || lines[i].hasPrefix(" ") {
                let line = lines[i].trimmingCharacters(in: .whitespaces)
                if !line.hasPrefix(":") || !block.isEmpty { block.append(line) }
                i += 1
            }
            let code = block.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !code.isEmpty { blocks.append(code) }
        }
        return blocks
    }
}
