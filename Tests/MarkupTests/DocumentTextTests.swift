import Foundation
import Markup
import Testing

@Suite struct DocumentTextTests {
    @Test func formatsAreKnownByTheirEnding() {
        #expect(DocumentFormat(path: "docs/a.MD") == .markdown)
        #expect(DocumentFormat(path: "guide/setup.rst") == .restructuredText)
        #expect(DocumentFormat(path: "lab.ipynb") == .notebook)
        #expect(DocumentFormat(path: "paper.pdf") == .pdf)
        #expect(DocumentFormat(path: "logo.png") == nil)
    }

    @Test func restructuredTextTitlesBecomeHeadingsByTheOrderOfTheirUnderlines() throws {
        let text = "Lab\n===\n\nIntro text.\n\nSetup\n-----\n\nMore.\n\nDetails\n~~~~~~~\n"
        let document = try DocumentText.convert(Data(text.utf8), format: .restructuredText)
        #expect(document.markdown.contains("# Lab") && document.markdown.contains("## Setup") && document.markdown.contains("### Details"))
        #expect(document.title == "Lab")
    }

    @Test func htmlKeepsTheTextAndDropsScriptsAndNavigation() throws {
        let html = "<html><head><title>T</title><script>bad()</script></head><body><nav>Menu</nav><h2>Part</h2>"
            + "<p>Some   <b>bold</b> text.</p><ul><li>One</li></ul></body></html>"
        let document = try DocumentText.convert(Data(html.utf8), format: .html)
        #expect(document.title == "T")
        #expect(document.markdown == "## Part\n\nSome bold text.\n\n- One")
    }

    @Test func notebooksGiveMarkdownCellsAndFencedCode() throws {
        let notebook = ##"{"cells": [{"cell_type": "markdown", "source": ["# Lab\n", "Text."]}, {"cell_type": "code", "source": "x = 1"}], "metadata": {"kernelspec": {"language": "python"}}}"##
        let document = try DocumentText.convert(Data(notebook.utf8), format: .notebook)
        #expect(document.markdown == "# Lab\nText.\n\n```python\nx = 1\n```")
        #expect(throws: DocumentError.self) { try DocumentText.convert(Data("{}".utf8), format: .notebook) }
    }

    /// Found by `make fuzz` (document target): empty front matter, `---` twice, crashed the
    /// reader (a range whose end came before its start).
    @Test func emptyFrontMatterIsNoFrontMatterAndNoCrash() throws {
        let text = try DocumentText.convert(Data("---\n---\n# Title\n\nText.\n".utf8), format: .markdown)
        #expect(text.title == "Title" && text.markdown.contains("Text."))
        _ = try DocumentText.convert(Data("---\n---\n".utf8), format: .markdown)
    }

}
