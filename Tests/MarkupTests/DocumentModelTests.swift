import Foundation
import Markup
import Testing

/// Documentation sets' own markup made plain CommonMark, cut into sections, and put in
/// the order their authors declared.
@Suite struct DocumentModelTests {
    @Test func referenceLinksResolveAcrossLinesAndUnknownOnesBecomeText() {
        let text = MarkdownCleaner.clean("""
            See the [Contributing Guide][update
            themes] and [GitHub Pages], or [open an issue][issue].

            [update themes]: ../about/contributing.md#themes
            [GitHub Pages]: https://pages.github.com/
            """)
        #expect(text.contains("[Contributing Guide](../about/contributing.md#themes)"))
        #expect(text.contains("[GitHub Pages](https://pages.github.com/)"))
        #expect(text.contains("or open an issue."))
        #expect(!text.contains("]:"))
    }

    @Test func doccSymbolLinksDirectivesAndAsidesBecomePlainMarkdown() {
        let text = MarkdownCleaner.clean("""
            @Metadata {
                @DisplayName("Loggers")
            }

            Use ``Logging/Logger/info(_:metadata:)-7p2fr`` and ``LogHandler`` as <doc:GettingStarted> shows.

            @Row {
                @Column {
                    Left text.
                }
            }

            @Image(source: "diagram.png", alt: "A diagram")
            """)
        #expect(text.contains("Use `Logger.info(_:metadata:)` and `LogHandler` as [Getting Started](doc:GettingStarted) shows."))
        #expect(!text.contains("@Metadata") && !text.contains("DisplayName") && !text.contains("@Row"))
        #expect(text.contains("Left text.") && text.contains("![A diagram](diagram.png)"))
    }

    @Test func admonitionsEmojiAndIncludesReadAsText() {
        let text = MarkdownCleaner.clean("""
            !!! note "Heads up"
                Indented body.

            Ship it :rocket: and :twisted_rightwards_arrows: now, at 10:30:00.

            {{#include ../arg-watcher.md}}

            ```
            :keep_me: {{#include inside.md}} ``Kept/As-is``
            ```
            """)
        #expect(text.contains("> **Note: Heads up**") && text.contains("> Indented body."))
        #expect(text.contains("Ship it 🚀 and 🔀 now, at 10:30:00."))
        #expect(text.contains("includes `../arg-watcher.md` here"))
        #expect(text.contains(":keep_me: {{#include inside.md}} ``Kept/As-is``"))
    }

    @Test func aCodeBlockInsideAnAdmonitionStaysInItsNote() {
        let text = MarkdownCleaner.clean("""
            !!! tip
                Run this:

                ```sh
                mkdocs serve
                ```

            After the note.
            """)
        #expect(text.contains("> Run this:\n>\n> ```sh\n> mkdocs serve\n> ```"), "\(text)")
        #expect(text.contains("\nAfter the note."))
    }

    @Test func notebooksKeepTheirCellsTextOutput() throws {
        let notebook = ##"{"cells": [{"cell_type": "code", "source": ["print(2 + 2)"], "outputs": [{"output_type": "stream", "text": ["4\n"]}, {"output_type": "display_data", "data": {"image/png": "AAAA"}}]}], "metadata": {"language_info": {"name": "python"}}}"##
        let document = try DocumentText.convert(Data(notebook.utf8), format: .notebook)
        #expect(document.markdown == "```python\nprint(2 + 2)\n```\n\nOutput:\n\n```text\n4\n```")
    }

    @Test func restructuredTextKeepsItsCodeNotesAndRolesAsMarkdown() throws {
        let rst = """
            Quickstart
            ==========

            .. module:: requests.models

            Begin by importing the module::

                >>> import requests

            Use a :class:`Session <requests.Session>` or :meth:`~requests.Session.get`,
            see :ref:`the install guide <install>` and `the site <https://example.org>`_.

            .. code-block:: bash

                $ python -m pip install requests

            .. note:: Sessions keep cookies.

            Sessions
            --------

            Text of the section.
            """
        let text = try DocumentText.convert(Data(rst.utf8), format: .restructuredText)
        #expect(text.title == "Quickstart")
        #expect(text.markdown.contains("Begin by importing the module:\n\n```pycon\n>>> import requests\n```"))
        #expect(text.markdown.contains("Use a `Session` or `get`,"))
        #expect(text.markdown.contains("see the install guide and [the site](https://example.org)."))
        #expect(text.markdown.contains("```bash\n$ python -m pip install requests\n```"))
        #expect(text.markdown.contains("> **Note**") && text.markdown.contains("> Sessions keep cookies."))
        #expect(!text.markdown.contains(".. module::") && !text.markdown.contains("==="))
        #expect(text.sections.map(\.heading) == ["Sessions"])
    }

    @Test func sectionsFollowCmarksHeadingsWithUniqueAnchors() {
        let cut = SectionedDocument("""
            # Guide

            The opening.

            ## Install

            Run it:

            ```sh
            # not a heading
            ```

            ## Install

            Again.

            Setext heading
            --------------

            Last.
            """)
        #expect(cut.title == "Guide")
        #expect(cut.opening == "The opening.")
        #expect(cut.sections.map(\.heading) == ["Install", "Install", "Setext heading"])
        #expect(cut.sections.map(\.anchor) == ["install", "install-2", "setext-heading"])
        #expect(cut.sections[0].markdown.contains("# not a heading"))
        #expect(cut.sections[2].markdown == "Last.")
    }

    static func input(_ path: String, _ raw: String, words: Int = 300) -> ReadingOrder.Input {
        ReadingOrder.Input(path: path, raw: raw, words: words)
    }

    @Test func mdBookSummaryOrdersTheBookAndLeavesOutWhatItDoesNotList() {
        let order = ReadingOrder([
            Self.input("src/SUMMARY.md", "# Summary\n\n[Intro](README.md)\n- [Install](guide/install.md)\n- [Use](guide/use.md)\n"),
            Self.input("src/guide/use.md", "# Use"), Self.input("src/guide/install.md", "# Install"),
            Self.input("src/README.md", "# Intro"), Self.input("src/fragment.md", "# Fragment"),
            Self.input("src/CHANGELOG.md", "# Changes"),
        ])
        #expect(order.teaching == ["src/README.md", "src/guide/install.md", "src/guide/use.md"])
        #expect(order.declaredBy == "mdBook SUMMARY.md")
        #expect(Set(order.skipped.map(\.path)) == ["src/SUMMARY.md", "src/fragment.md", "src/CHANGELOG.md"])
        #expect(order.skipped.first { $0.path == "src/CHANGELOG.md" }?.reason == "release notes")
    }

    @Test func mkdocsNavReadsAFolderThroughItsReadme() {
        let yaml = "site_name: X\nnav:\n  - Home: index.md\n  - User Guide: user-guide/\n  - About:\n    - License: about/license.md\ntheme: x\n"
        let order = ReadingOrder([
            Self.input("docs/index.md", "# Home"), Self.input("docs/user-guide/README.md", "# Guide\n\n- [B](b.md)\n- [A](a.md)\n"),
            Self.input("docs/user-guide/a.md", "# A"), Self.input("docs/user-guide/b.md", "# B"),
            Self.input("docs/about/license.md", "# License"), Self.input("docs/moved.md", "This page has moved.", words: 4),
        ], mkdocs: ("mkdocs.yml", yaml))
        #expect(order.teaching == ["docs/index.md", "docs/user-guide/README.md", "docs/user-guide/b.md", "docs/user-guide/a.md"])
        #expect(Set(order.skipped.map(\.path)) == ["docs/about/license.md", "docs/moved.md"])
    }

    @Test func sphinxToctreesAreFollowedDepthFirstAndAutodocPagesAreReference() {
        let order = ReadingOrder([
            Self.input("docs/index.rst", "Title\n=====\n\n.. toctree::\n   :maxdepth: 2\n\n   user/intro\n   Guide <user/guide>\n   api\n"),
            Self.input("docs/user/intro.rst", "Intro\n=====\n\n.. toctree::\n\n   install\n"),
            Self.input("docs/user/install.rst", "Install\n======="), Self.input("docs/user/guide.rst", "Guide\n====="),
            Self.input("docs/api.rst", "API\n===\n\n.. autoclass:: requests.Session\n   :members:\n"),
        ])
        #expect(order.teaching == ["docs/index.rst", "docs/user/intro.rst", "docs/user/install.rst", "docs/user/guide.rst"])
        #expect(order.reference == ["docs/api.rst"])
    }

    @Test func doccTopicsOrderTheCatalogFromItsRootPage() {
        let order = ReadingOrder([
            Self.input("Lib.docc/Lib.md", "# ``Lib``\n\nA library.\n\n## Topics\n\n### Start\n\n- <doc:GettingStarted>\n- <doc:Advanced>\n\n### Types\n\n- ``Thing``\n"),
            Self.input("Lib.docc/Advanced.md", "# Advanced"), Self.input("Lib.docc/GettingStarted.md", "# Getting Started"),
            Self.input("Lib.docc/Extensions/Thing.md", "# ``Lib/Thing``\n\nA thing."),
        ])
        #expect(order.teaching == ["Lib.docc/Lib.md", "Lib.docc/GettingStarted.md", "Lib.docc/Advanced.md"])
        #expect(order.reference == ["Lib.docc/Extensions/Thing.md"])
        #expect(order.declaredBy == "DocC Topics")
    }
}
