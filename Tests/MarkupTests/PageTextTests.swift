import Foundation
import Markup
import Testing

/// Issue 13: syntax highlighting when the page is built; it never changes the code's text.
@Suite struct SyntaxHighlighterTests {
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
    }

    @Test func keywordsStringsCommentsAndNumbersAreMarkedAndTheTextIsUnchanged() {
        let markdown = """
            ```swift
            // Fetch it. if in a comment stays a comment
            let url = "https://x.org/a?b=1&c=\\"2\\"" // and <tags> & such
            if count < 10 && ready { return 42 }
            ```

            ```python
            def f(x):  # a comment
                return 'it\\'s' if x else None
            ```

            ```klingon
            if else return
            ```
            """
        let html = MarkdownDocument(markdown).html()
        let plain = MarkdownDocument(markdown.replacingOccurrences(of: "```swift", with: "```")
            .replacingOccurrences(of: "```python", with: "```")).html()
        #expect(Self.text(html) == Self.text(plain))  // the same code, only wrapped
        #expect(html.contains(#"<span class="tok-c">// Fetch it. if in a comment stays a comment</span>"#))
        #expect(html.contains(#"<span class="tok-k">let</span> url = <span class="tok-s">&quot;https://x.org/a?b=1&amp;c=\&quot;2\&quot;&quot;</span>"#))
        #expect(html.contains(#"<span class="tok-k">if</span> count &lt; <span class="tok-n">10</span> &amp;&amp; ready"#))
        #expect(html.contains(#"<span class="tok-k">def</span> f(x):  <span class="tok-c"># a comment</span>"#))
        #expect(html.contains(#"<span class="tok-s">'it\'s'</span>"#))
        #expect(html.contains("<code class=\"language-klingon\">if else return\n</code>"))  // unknown: as it was
        #expect(MarkdownDocument(markdown).html() == html)  // deterministic
    }
}

/// Issue 13: what the search index keeps of a page, found without parsing it.
@Suite struct SearchTextTests {
    @Test func headingsAndTheFirstWordsWithoutMarkup() {
        let text = SearchText("""
            # Commits

            A *commit* is a [snapshot](snapshots.md) plus ![a picture](p.png) a `pointer`.

            ```sh
            git commit -m "not in the index"
            ```

            ## The staging area

            - Between your folder and the next commit sits the **index**.
            > Quoted words count too.
            """, words: 14)
        #expect(text.headings == ["Commits", "The staging area"])
        #expect(text.excerpt == "A commit is a snapshot plus a pointer. Between your folder and the next")
    }
}
