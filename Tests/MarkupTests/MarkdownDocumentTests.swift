import CCurl
import CGit2
import CXML2
import Markup
import Testing

@Suite struct MarkdownDocumentTests {
    @Test func rendersGitHubTablesTaskListsAndStrikethrough() {
        let html = MarkdownDocument("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~\n").html()
        #expect(html.contains("<table>\n<thead>\n<tr>\n<th>a</th>"))
        #expect(html.contains("<td>1</td>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"))
        #expect(html.contains("<del>old</del>"))
    }

    @Test func dropsRawHTML() {
        let html = MarkdownDocument("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>\n").html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
    }

    @Test func rewritesRelativeMarkdownLinksToPages() {
        let html = MarkdownDocument("[a](02-next.md#part) [b](https://x.org/a.md) [c](other.md)").html()
        #expect(html.contains("href=\"02-next.html#part\""))
        #expect(html.contains("href=\"https://x.org/a.md\""))
        #expect(html.contains("href=\"other.html\""))
    }

    @Test func findsTheTitleAndFirstParagraph() {
        let doc = MarkdownDocument("Intro text.\n\n## Minor\n\n# The *Title*\n\nBody")
        #expect(doc.title == "The Title")
        #expect(doc.firstParagraph == "Intro text.")
        #expect(MarkdownDocument("no headings").title == nil)
    }

    /// The other system libraries are wrapped and link (later stages use them).
    @Test func systemLibrariesLink() {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        // The library linked is the one whose headers we compiled against.
        #expect(major == LIBGIT2_VER_MAJOR && minor == LIBGIT2_VER_MINOR)
        #expect(String(cString: curl_version()).hasPrefix("libcurl/"))
        let html = "<p>hi</p>"
        let doc = htmlReadMemory(html, Int32(html.utf8.count), nil, "utf-8", Int32(HTML_PARSE_NOERROR.rawValue))
        #expect(doc != nil)
        xmlFreeDoc(doc)
    }
}

@Suite struct MarkdownConcurrencyTests {
    /// cmark-gfm edits a C global during each parse; parses running at once must still
    /// give the same HTML.
    @Test func parsesRunningAtOnceGiveTheSameHTML() async {
        let text = "| a | b |\n|---|---|\n| ~~old~~ | https://example.org |\n\n- [x] done\n"
        let expected = MarkdownDocument(text).html()
        #expect(expected.contains("<del>old</del>"))
        let results = await withTaskGroup(of: String.self, returning: [String].self) { group in
            for _ in 0..<400 { group.addTask { MarkdownDocument(text).html() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
