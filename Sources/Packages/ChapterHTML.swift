import Foundation
import Markup

/// One chapter of a book as HTML, the same for the EPUB (made XHTML) and the PDF: the
/// chapter's title (the only `h1`, so a PDF's bookmarks and an EPUB's headings have one
/// entry per chapter), its text, and the parts of a textbook after it; the questions'
/// answers come last, as a textbook prints them. Every text is escaped or goes through
/// the safe Markdown renderer.
struct ChapterHTML {
    let part: Book.Part
    let number: Int
    /// The chapter's link target for other chapters' links (`<slug>.xhtml`, `#chapter-<slug>`).
    let link: (String) -> String

    func html() -> String {
        var out = "<section class=\"chapter\" id=\"chapter-\(escape(part.slug))\">\n"
        out += "<h1><span class=\"number\">\(number)</span> \(escape(part.title))</h1>\n"
        switch part {
        case .chapter(let chapter): out += block(chapter.markdown ?? "")
        case .module(let module): out += moduleHTML(module)
        }
        return out + "</section>\n"
    }

    private func moduleHTML(_ module: Book.Module) -> String {
        var out = ""
        if !module.objectives.isEmpty {
            out += "<div class=\"objectives\"><p class=\"label\">In this chapter</p>\n"
            out += list(module.objectives.map(inline)) + "</div>\n"
        }
        out += block(module.introduction)
        for section in module.sections {
            out += "<h2>\(escape(section.heading))</h2>\n" + block(section.body)
        }
        if let example = module.workedExample {
            out += "<h2>Worked example: \(escape(example.title))</h2>\n" + list(example.steps.map(inline), ordered: true)
        }
        if !module.keyTerms.isEmpty {
            out += "<h2>Key terms</h2>\n<dl class=\"terms\">\n"
            for term in module.keyTerms {
                out += "<dt>\(escape(term.term))</dt><dd>\(inline(term.definition))</dd>\n"
            }
            out += "</dl>\n"
        }
        if let parts = module.bookParts { out += BookPartsHTML(parts: parts, block: block, inline: inline).html() }
        // Flashcards that would only repeat a key term and its definition are left to the deck.
        let terms = Set(module.keyTerms.map { $0.term.lowercased() })
        let cards = part.flashcards.filter { !terms.contains($0.front.lowercased()) }
        if !cards.isEmpty {
            out += "<h2>Flashcards</h2>\n<dl class=\"flashcards\">\n"
                + cards.map { "<dt>\(inline($0.front))</dt><dd>\(inline($0.back))</dd>\n" }.joined() + "</dl>\n"
        }
        if !module.summary.isEmpty { out += "<h2>Summary</h2>\n" + block(module.summary) }
        if !module.questions.isEmpty { out += questionsHTML(module.questions) }
        if let omitted = module.bookParts?.omitted, !omitted.isEmpty {
            out += "<aside class=\"omitted\"><p class=\"label\">Not in this chapter</p><ul>"
                + omitted.map { "<li>\(escape($0))</li>" }.joined() + "</ul></aside>\n"
        }
        return out
    }

    private func questionsHTML(_ questions: [Book.Question]) -> String {
        var out = "<h2>Check your understanding</h2>\n<ol class=\"questions\">\n"
        for question in questions {
            out += "<li>" + (question.prompt.contains("```") ? block(question.prompt) : "<p>\(inline(question.prompt))</p>")
            if let choices = question.choices, !choices.isEmpty {
                out += "\n<ol class=\"choices\" type=\"a\">" + choices.map { "<li>\(code($0))</li>" }.joined() + "</ol>"
            }
            out += "</li>\n"
        }
        out += "</ol>\n<h2>Answers</h2>\n<ol class=\"answers\">\n"
        for question in questions {
            out += "<li><p><strong>\(code(question.answer))</strong></p><p>\(inline(question.explanation))</p></li>\n"
        }
        return out + "</ol>\n"
    }

    /// Markdown as HTML blocks, its headings two levels down (a chapter's text sits under
    /// the chapter's `h1` and its parts' `h2`), links to other chapters pointed at them.
    private func block(_ markdown: String) -> String {
        BookMarkup.block(markdown, link: link)
    }

    private func inline(_ markdown: String) -> String {
        BookMarkup.inline(markdown)
    }

    /// A choice or answer as written: code when it looks like code.
    private func code(_ text: String) -> String {
        let looksLikeCode = text.contains("(") || text.contains("{") || text.contains("=") || text.contains("\n")
        return looksLikeCode ? "<code>\(escape(text))</code>" : escape(text)
    }

    private func list(_ items: [String], ordered: Bool = false) -> String {
        let tag = ordered ? "ol" : "ul"
        return "<\(tag)>" + items.map { "<li>\($0)</li>" }.joined() + "</\(tag)>\n"
    }

    private func escape(_ text: String) -> String { XHTML.escape(text) }
}

/// Markdown for books: headings demoted below the chapter's, chapter links re-pointed.
enum BookMarkup {
    static func block(_ markdown: String, link: (String) -> String) -> String {
        var html = MarkdownDocument(markdown).html()
        if html.contains("<h") {
            for level in stride(from: 4, through: 1, by: -1) {
                html = html.replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 2)>")
                    .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 2)>")
            }
        }
        guard html.contains(".html") else { return html }
        // Markup points links to `<slug>.md` at `<slug>.html`, the site's page.
        let matches = chapterLink.matches(in: html, range: NSRange(html.startIndex..., in: html))
        var out = "", last = html.startIndex
        for match in matches {
            guard let whole = Range(match.range, in: html), let slug = Range(match.range(at: 1), in: html) else { continue }
            out += html[last..<whole.lowerBound] + "href=\"" + XHTML.escape(link(String(html[slug]))) + "\""
            last = whole.upperBound
        }
        return out + html[last...]
    }

    /// `href="<slug>.html"` or `href="<slug>.html#anchor"`: a link to another chapter.
    private static let chapterLink = try! NSRegularExpression(pattern: #"href="([A-Za-z0-9_-][A-Za-z0-9_.-]*)\.html(#[^"]*)?""#)

    static func inline(_ markdown: String) -> String {
        var html = MarkdownDocument(markdown).html().trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), !html.dropFirst(3).contains("<p>") {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}
