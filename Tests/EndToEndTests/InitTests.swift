import Foundation
import Testing

/// Issue 13: a new project builds on its first try, with the theme, prompts and schemas
/// built in; `init --eject` copies them out, and the copies then win.
@Suite struct InitTests {
    @Test func initThenAllBuildsOnTheFirstTryAndAnEjectedThemeRestylesIt() throws {
        let project = try TestProject.empty()
        let created = try project.run(["init"])
        #expect(created.status == 0, "\(created.stderr)")
        for file in ["scrollbuild.yml", ".gitignore", "catalog/writing-chapters.md", "catalog/spaced-practice.md", "catalog/handbook.md"] {
            #expect(project.exists(file), "\(file)")
        }
        #expect(!project.exists("site-templates") && !project.exists("prompts") && !project.exists("schemas"))
        #expect(try project.read(".gitignore").contains("build/"))

        let first = try project.json(["all"])
        let warnings = first.object["warnings"] as? [String] ?? ["?"]
        #expect(first.status == 0 && first.errors.isEmpty && warnings.isEmpty, "\(first.errors) \(warnings)")
        #expect(Set(first.courses) == ["writing-chapters", "spaced-practice", "handbook"])
        for page in ["index.html", "style.css", "writing-chapters/01-a-chapter-is-a-file.html", "spaced-practice/module-01.html",
                     "handbook/index.html"] {
            #expect(project.exists("build/site/" + page), "\(page)")
        }
        #expect(try project.json(["all"]).tasksRun == 0)

        // A second init refuses to overwrite.
        let again = try project.run(["init"])
        #expect(again.status == 1 && again.stderr.contains("not overwriting"))

        let ejected = try project.run(["init", "--eject", "theme"])
        #expect(ejected.status == 0 && project.exists("site-templates/style.css") && project.exists("site-templates/head.mustache"))
        // The same files as the built-in ones: the theme's tasks run and stop early; no page is rebuilt.
        let same = try project.json(["all"])
        #expect(same.status == 0 && !same.ran.contains { $0.hasPrefix("page:") }, "\(same.ran)")
        try project.write("site-templates/style.css", try project.read("site-templates/style.css") + "\n/* EJECTED-MARKER */\n")
        let restyled = try project.json(["all"])
        #expect(restyled.status == 0 && restyled.ran.contains("asset:style.css"), "\(restyled.ran)")
        #expect(try project.read("build/site/style.css").contains("EJECTED-MARKER"))
        // Removing the copy brings the built-in one back.
        try project.remove("site-templates/style.css")
        _ = try project.json(["all"])
        #expect(!(try project.read("build/site/style.css")).contains("EJECTED-MARKER"))
    }
}
