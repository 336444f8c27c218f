import Foundation
@testable import Render
import Testing

/// `FastRenderer` must give the bytes swift-mustache gives: every case renders both ways.
@Suite struct FastRendererTests {
    /// Renders `main` (with the other templates as partials) both ways.
    private func both(_ sources: [String: String], _ value: TemplateValue, main: String = "main") throws -> (fast: String?, library: String) {
        let templates = try SiteTemplates(sources.merging(Self.requiredStubs) { mine, _ in mine })
        return (templates.fast?.render(main, value), templates.renderWithLibrary(main, value))
    }

    /// SiteTemplates insists on the theme's required templates.
    private static let requiredStubs = Dictionary(uniqueKeysWithValues: SiteTemplates.required.map { ($0, "") })

    private static let page: TemplateValue = [
        "title": "Fish & <Chips> \"quoted\" 'single'", "count": 3, "on": true, "off": false, "empty": "",
        "items": [["name": "a", "on": false], ["name": "b<"], ["name": "c", "inner": ["name": "deep"]]],
        "none": [], "nested": ["child": ["leaf": "L"], "name": "N"], "html": "<b>raw</b>",
    ]

    @Test(arguments: [
        "plain text only\n",
        "{{title}} {{{title}}} {{& title}} {{ title }}",
        "{{count}} {{on}} {{off}} [{{empty}}] [{{missing}}]",
        "{{#items}}<{{name}}:{{title}}>{{/items}}",
        "{{#items}}{{#on}}on{{/on}}{{^on}}off{{/on}}{{/items}}",
        "{{#items}}{{inner.name}}|{{.name}}|{{nested.name}}{{/items}}",
        "{{nested.child.leaf}} {{nested.missing.leaf}} {{.title}} {{#nested}}{{name}}{{child.leaf}}{{/nested}}",
        "{{#none}}never{{/none}}{{^none}}empty list{{/none}}{{^missing}}missing{{/missing}}{{^on}}x{{/on}}",
        "{{#empty}}[{{.}}]{{/empty}}{{#count}}n={{.}}{{/count}}{{#title}}{{.}}{{/title}}{{^count}}no{{/count}}",
        "{{#off}}no{{/off}}{{#on}}{{title}}{{/on}}",
        "<ul>\n{{#items}}\n  <li>{{name}}</li>\n{{/items}}\n</ul>\n",
        "  {{#on}}  \n  indented\n  {{/on}}  \nend",
        "a {{#on}}\nb\n{{/on}} c\n",
        "{{! a comment }}\n  {{! standalone }}  \nx {{! inline }} y\n{{!last}}",
        "line\r\n{{#on}}\r\nwindows\r\n{{/on}}\r\n",
        "{ {title} } {{{html}}} {{html}} {x}\n",
        "{{#items}}\n{{> row}}\n{{/items}}\n",
        "start\n  {{> block}}\nend\n",
        "  {{> block}}  \n{{#on}}\n    {{> block}}\n{{/on}}\n",
        "{{> missing}}|{{>row}}|",
        "tail without newline {{title}}   ",
        "{{#items}}{{#inner}}{{name}}/{{title}}{{/inner}}{{/items}}",
        "\n\n{{#on}}\n\n{{/on}}\n\n",
        "{{#on}}{{/on}}\n   \n{{^off}}\n{{/off}}",
    ])
    func agreesWithSwiftMustache(_ main: String) throws {
        let sources = ["main": main, "row": "<{{name}}>\n", "block": "one\n{{#items}}\n- {{name}}\n{{/items}}\ntwo\n"]
        let (fast, library) = try both(sources, Self.page)
        #expect(fast == library, "template: \(main.debugDescription)")
    }

    /// The theme this repository ships renders with the fast renderer, byte for byte as
    /// swift-mustache renders it, for every page kind.
    @Test func theShippedThemeIsFastAndAgrees() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../site-templates").standardized
        var sources: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            sources[String(file.dropLast(".mustache".count))] = try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8)
        }
        #expect(sources.count >= 9)
        let templates = try SiteTemplates(sources)
        #expect(templates.isFast)
        let link: TemplateValue = ["title": "Next <page>", "href": "02-next.html"]
        let toc: TemplateValue = .list((1...4).map { ["number": .int($0), "title": "Part \($0) & more", "href": "\($0).html", "current": .bool($0 == 2)] })
        let shared: [String: TemplateValue] = [
            "root": "../", "siteTitle": "Site 'one'", "pageTitle": "A \"page\"", "courseTitle": "Course", "courseHref": "index.html",
            "toc": toc, "number": 2, "total": 4, "previous": link, "next": link, "bodyHTML": "<p>Body</p>",
        ]
        let course: TemplateValue = ["id": "c1", "title": "C<1>", "subject": "Math", "level": "beginner", "audience": ""]
        let extras: [String: [String: TemplateValue]] = [
            "chapter": [:],
            "index": ["subjects": [["name": "Math", "courses": [["id": "c1", "title": "T", "level": "beginner", "blurb": "b&b", "pages": 3, "href": "c1/index.html"]]]],
                      "courseCount": 1, "description": "All <courses>"],
            "course": ["course": course, "descriptionHTML": "<p>d</p>", "contents": toc, "prerequisites": [link],
                       "hasPrerequisites": true, "pathway": ["name": "P", "rationale": "R", "overviewHTML": "<p>o</p>", "documents": 2, "totalTime": "1 h"]],
            "sources": ["course": course, "documents": [["anchor": "a", "path": "docs/a.md", "title": "A", "type": "guide", "summary": "S",
                                                         "concepts": "x, y", "words": 10, "webURL": ""]], "count": 1],
            "module": ["summaryHTML": "<p>s</p>", "lectures": [["number": 1, "title": "L"]], "hasLectures": true, "introductionHTML": "<p>i</p>",
                       "sections": [["heading": "H", "bodyHTML": "<p>b</p>", "citations": [["number": 1, "href": "../sources.html#a", "path": "a.md"]], "hasCitations": true]],
                       "example": ["title": "E", "steps": [["text": "step 1"]]], "terms": [["term": "t", "definition": "d"]], "hasTerms": true,
                       "questions": [["number": 1, "kind": "multiple choice", "prompt": "Q?", "choices": [["text": "a"], ["text": "b"]], "hasChoices": true,
                                      "answer": "a", "explanation": "because"]],
                       "flashcards": [["front": "f", "back": "b"]], "hasFlashcards": true, "moduleSummaryHTML": "<p>m</p>",
                       "sources": [["number": 1, "path": "a.md", "title": "A", "href": "h", "webURL": "https://example.com/a?x=1&y=2"]],
                       "hasSources": true, "score": "87%", "threshold": "70%", "attempts": 2, "regenerated": true, "flagged": false,
                       "criteria": [["name": "coverage", "score": "90%", "comment": "ok"]], "critique": "Fine."],
        ]
        for (name, extra) in extras {
            let value = TemplateValue.object(shared.merging(extra) { $1 })
            let fast = templates.render(name, value)
            #expect(fast == templates.renderWithLibrary(name, value), "\(name).mustache")
            #expect(fast.contains("<!DOCTYPE html>"), "\(name).mustache rendered \(fast.prefix(80))")
        }
    }

    /// A theme that uses Mustache beyond the subset is rendered by swift-mustache, whole.
    @Test(arguments: [
        "{{#items}}{{index()}}{{/items}}",
        "{{=<% %>=}}<% title %>",
        "{{<parent}}{{$body}}mine{{/body}}{{/parent}}",
        "{{>*dynamic}}",
        "{{% CONTENT_TYPE: TEXT}}{{title}}",
    ])
    func beyondTheSubsetFallsBackToSwiftMustache(_ main: String) throws {
        let sources = ["main": main, "parent": "[{{$body}}default{{/body}}]", "row": "r"]
        let templates = try SiteTemplates(sources.merging(Self.requiredStubs) { mine, _ in mine })
        #expect(!templates.isFast)
        let value: TemplateValue = ["title": "T&", "items": [["name": "a"], ["name": "b"]], "dynamic": "row"]
        let rendered = templates.render("main", value)
        #expect(rendered == templates.renderWithLibrary("main", value))
        #expect(!rendered.isEmpty)
    }

    /// Random templates over random values: both renderers agree on every one.
    @Test func randomTemplatesAgree() throws {
        var random = SplitMix(seed: 0x5eed)
        let names = ["a", "b", "list", "obj", "flag", "a.b", "obj.a", ".", ".a", "missing", "list.a"]
        let pieces = ["x", " ", "\n", "  ", "<&>", "\r\n", "{", "}", "\t"]
        var checked = 0
        for _ in 0..<400 {
            var template = ""
            var open: [String] = []
            for _ in 0..<random.next(12) + 1 {
                switch random.next(9) {
                case 0, 1: template += pieces[random.next(pieces.count)]
                case 2: template += "{{\(names[random.next(names.count)])}}"
                case 3: template += "{{{\(names[random.next(names.count)])}}}"
                case 4, 5:
                    let name = ["a", "list", "obj", "flag", "missing", "b"][random.next(6)]
                    template += (random.next(2) == 0 ? "{{#" : "{{^") + name + "}}"
                    open.append(name)
                case 6: if let name = open.popLast() { template += "{{/\(name)}}" }
                case 7: template += "{{! note }}"
                default: template += "{{> part}}"
                }
            }
            while let name = open.popLast() { template += "{{/\(name)}}" + (random.next(2) == 0 ? "\n" : "") }
            let value: TemplateValue = [
                "a": random.next(2) == 0 ? "A<" : ["b": "AB"], "b": .int(random.next(5)), "flag": .bool(random.next(2) == 0),
                "list": .list((0..<random.next(3)).map { ["a": .text("item\($0)")] }), "obj": ["a": "O&"],
            ]
            let sources = ["main": template, "part": "p{{a}}\n{{#list}}\n-{{a}}\n{{/list}}\n"]
            // A stray `{` before a tag can make swift-mustache reject the template; skip those.
            guard let (fast, library) = try? both(sources, value) else { continue }
            #expect(fast == library, "template: \(template.debugDescription)")
            checked += 1
        }
        #expect(checked >= 350, "only \(checked) of 400 random templates parsed")
    }

    @Test func escapesAsSwiftMustacheDoes() {
        var out = ""
        FastRenderer.appendEscaped("a & b < c > d \" e ' f — ü", to: &out)
        #expect(out == "a &amp; b &lt; c &gt; d &quot; e &#39; f — ü")
    }
}

/// A small seeded generator: the same cases on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
