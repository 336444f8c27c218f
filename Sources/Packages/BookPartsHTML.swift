import Markup

/// A chapter's textbook parts as HTML: lecture notes, exercises with their solutions,
/// essay and project prompts with rubrics, a study guide, flashcards, discussion
/// questions and further resources. A part the author left out is not shown (the chapter
/// says so at its end, after the answers); flashcards are shown with the chapter's own.
struct BookPartsHTML {
    let parts: BookParts
    let block: (String) -> String
    let inline: (String) -> String

    func html() -> String {
        var out = ""
        if !parts.lectureNotes.isEmpty { out += "<h2>Lecture notes</h2>\n" + block(parts.lectureNotes) }
        if !parts.exercises.isEmpty {
            out += "<h2>Exercises</h2>\n<ol class=\"exercises\">\n"
            for exercise in parts.exercises {
                out += "<li>" + block(exercise.task)
                    + "<div class=\"solution\"><p class=\"label\">Solution</p>" + block(exercise.solution) + "</div></li>\n"
            }
            out += "</ol>\n"
        }
        if !parts.essayPrompts.isEmpty {
            out += "<h2>Essay and project prompts</h2>\n"
            for prompt in parts.essayPrompts {
                out += "<div class=\"prompt\">" + block(prompt.prompt) + "<p class=\"label\">Rubric</p><ul>"
                    + prompt.rubric.map { "<li>\(inline($0))</li>" }.joined() + "</ul></div>\n"
            }
        }
        if !parts.studyGuide.isEmpty {
            out += "<h2>Study guide</h2>\n<ul class=\"study-guide\">" + parts.studyGuide.map { "<li>\(inline($0))</li>" }.joined() + "</ul>\n"
        }
        if !parts.discussionQuestions.isEmpty {
            out += "<h2>Discussion questions</h2>\n<ol>" + parts.discussionQuestions.map { "<li>\(inline($0))</li>" }.joined() + "</ol>\n"
        }
        if !parts.furtherResources.isEmpty {
            out += "<h2>Further resources</h2>\n<ul class=\"resources\">"
            for resource in parts.furtherResources {
                out += "<li><a href=\"\(XHTML.escape(Href.checked(resource.url)))\">\(XHTML.escape(resource.title))</a></li>"
            }
            out += "</ul>\n"
        }
        return out
    }
}
