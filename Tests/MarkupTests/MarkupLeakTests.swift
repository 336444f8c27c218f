import Markup
import Testing

/// The leaks a reader found on module pages built from real documentation (issue 11), and
/// look-alikes that are ordinary text.
@Suite struct MarkupLeakTests {
    @Test(arguments: [
        ("Call ``Database/run()`` first.", MarkupLeak.Kind.symbolLink, "``Database/run()``"),
        ("See configuration-35km1 for the options.", .disambiguation, "configuration-35km1"),
        ("Then run()-7p2fr returns.", .disambiguation, "run()-7p2fr"),
        ("Getting started\n===============\nInstall it.", .setextUnderline, "==============="),
        ("Reorder :twisted_rightwards_arrows: the list.", .emojiShortcode, ":twisted_rightwards_arrows:"),
        ("Please [open a GitHub issue][issue] if it fails.", .referenceLink, "[open a GitHub issue][issue]"),
        ("[#310]: https://github.com/example/project/issues/310", .referenceLink, "[#310]: https://github.com/example/project/issues/310"),
        ("Use a &amp; b, or &lt;tag&gt;.", .entity, "&amp;"),
        ("It&#39;s done.", .entity, "&#39;"),
        ("Use a :class:`Session` here.", .restructuredText, ":class:`S"),
        ("Read `the toolbelt's documentation <https://toolbelt.readthedocs.io>`_ first.", .restructuredText,
         "`the toolbelt's documentation <https://toolbelt.readthedocs.io>`_"),
        ("use the resulting iterator object instead::", .restructuredText, "d::"),
    ])
    func findsTheLeak(_ text: String, _ kind: MarkupLeak.Kind, _ matched: String) {
        let leaks = MarkupLeak.scan(text)
        #expect(leaks.first == MarkupLeak(kind: kind, text: matched), "\(leaks)")
    }

    @Test(arguments: [
        "A well-known, step-by-step guide to UTF-8, SHA-256 and x86-64 builds.",
        "Meet at 10:30:00 on https://example.com/a:b and ratio 1:2.",
        "Use `code` and ``` fenced ``` blocks; a - b -- c.",
        "The list [a, b] and [c] and a link text [here](https://example.com).",
        "Fish & chips < 5 > 3, \"quoted\" and 'single'.",
        "Table\n---\nrow",
        "In C++ write std::vector and Swift's Logger.Level; ratio a:b.",
    ])
    func leavesOrdinaryTextAlone(_ text: String) {
        #expect(MarkupLeak.scan(text).isEmpty, "\(MarkupLeak.scan(text))")
    }
}
