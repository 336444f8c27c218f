import Foundation
import Testing

/// Incremental builds, counted: which tasks ran after each change.
@Suite struct IncrementalBuildTests {
    @Test func aSecondBuildRunsNothingAndWritesNothing() throws {
        let project = try TestProject.sample()
        let first = try project.json(["all"])
        #expect(first.tasksRun > 50)
        let trace = project.path("build/.scrollbuild/trace")
        let before = try FileManager.default.attributesOfItem(atPath: trace)[.modificationDate] as? Date

        let second = try project.json(["all"])
        #expect(second.status == 0)
        #expect(second.tasksRun == 0)
        #expect(second.tasksCached == first.tasksRun)
        #expect(second.ran.isEmpty)
        let after = try FileManager.default.attributesOfItem(atPath: trace)[.modificationDate] as? Date
        #expect(before == after, "a no-op build rewrote the trace")
    }

    @Test func editingAChapterBodyRerunsOnlyThatPage() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        try project.edit("content/build-systems/03-early-cutoff.md",
                         replacing: "The effect is large in practice.", with: "The effect is very large in practice.")
        let result = try project.json(["all"])
        #expect(result.ran == [
            "title:content/build-systems/03-early-cutoff.md",   // same title: cut off
            "page:build-systems/03-early-cutoff.html",
            "coursepages:build-systems",                        // same page list: cut off
            "searchentries:build-systems",                      // same first words: cut off
        ])
        #expect(result.tasksCutOff == 3)
        #expect(try project.read("build/site/build-systems/03-early-cutoff.html").contains("very large"))
    }

    @Test func editingAChapterTitleRerunsThePagesThatListIt() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        try project.edit("content/git-foundations/commits.md",
                         replacing: "# Commits and history", with: "# Commits, messages and history")
        let result = try project.json(["all"])
        #expect(result.ran == [
            "title:content/git-foundations/commits.md",
            "outline:git-foundations",
            "summary:git-foundations",                          // same page count: cut off
            "page:git-foundations/index.html",                  // lists every chapter
            "page:git-foundations/snapshots.html",              // each chapter page has the course's contents
            "page:git-foundations/commits.html",
            "page:git-foundations/branches.html",
            "coursedata:git-foundations",                       // api/courses/git-foundations.json lists the titles
            "coursepages:git-foundations",
            "sitefiles:",                                       // the sitemap lists the same pages: cut off
            "searchentries:git-foundations",                    // the search index has page titles
            "searchindex:",
            "book:git-foundations",                             // the course data, read back for …
            "sqlite:",                                          // … api/catalog.sqlite, which has the titles
            "site:",                                            // cut off
        ])
        #expect(result.tasksCutOff == 4)
        #expect(try project.read("build/site/git-foundations/branches.html").contains("Commits, messages and history"))
    }

    @Test func aChangeThatLeavesAValueIdenticalStopsThere() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        // Same fields, different bytes: a comment line and a reflowed list.
        try project.edit("catalog/statistics-intuition.md", replacing: "subject: mathematics",
                         with: "# reviewed in November\nsubject: mathematics")
        let result = try project.json(["all"])
        #expect(result.ran == ["entry:catalog/statistics-intuition.md", "course:statistics-intuition"])
        #expect(result.tasksCutOff == 2)
        #expect(result.tasksRun == 2)
    }

    @Test func touchingAFileWithoutChangingItRunsNothing() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        let text = try project.read("content/git-foundations/branches.md")
        try project.remove("content/git-foundations/branches.md")
        try project.write("content/git-foundations/branches.md", text)  // new inode and mtime, same bytes
        let result = try project.json(["all"])
        #expect(result.tasksRun == 0)
        #expect(result.ran.isEmpty)
    }

    @Test func removingACourseDeletesItsPagesAndAddingOneBuildsOnlyIt() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        try project.remove("catalog/swift-concurrency.md")
        let removed = try project.json(["all"])
        #expect(removed.status == 0)
        #expect(!project.exists("build/site/swift-concurrency/index.html"))
        #expect(!project.exists("build/site/swift-concurrency/module-01.html"))
        #expect(!(try project.read("build/site/index.html")).contains("swift-concurrency/index.html"))
        #expect(removed.ran.contains("page:index.html"))
        #expect(!removed.ran.contains { $0.hasPrefix("page:build-systems") })
    }

    @Test func deletingAnOutputPageRebuildsIt() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all"]).status == 0)
        try project.remove("build/site/learning-science/module-02.html")
        let result = try project.json(["all"])
        #expect(result.ran == ["page:learning-science/module-02.html"])
        #expect(project.exists("build/site/learning-science/module-02.html"))
    }

    @Test func changingTheThemeRerendersPagesButParsesNothing() throws {
        let project = try TestProject.sample()
        let first = try project.json(["all"])
        try project.edit("site-templates/foot.mustache", replacing: "Built with scrollbuild.", with: "Made with scrollbuild.")
        let result = try project.json(["all"])
        // Every page, and the tasks that collect pages (cut off: the set of pages is the same).
        let pages = first.ran.filter { $0.hasPrefix("page:") || $0.hasPrefix("coursepages:") }
        // The 404 page has the theme's footer too: it changes, and so the site task runs.
        #expect(result.ran == Set(pages + ["templates:", "sitefiles:", "site:"]))
        #expect(result.tasksCutOff == result.ran.count - pages.filter { $0.hasPrefix("page:") }.count - 2)
        #expect(!result.ran.contains { $0.hasPrefix("entry:") || $0.hasPrefix("course:") || $0.hasPrefix("title:") })
    }

    @Test func buildNamesCoursesByGlob() throws {
        let project = try TestProject.sample()
        let result = try project.json(["build", "git-*", "plain-markdown"])
        #expect(result.status == 0)
        #expect(Set(result.courses) == ["git-foundations", "plain-markdown"])
        #expect(project.exists("build/site/git-foundations/commits.html"))
        #expect(!project.exists("build/site/learning-science/index.html"))
        let unknown = try project.json(["build", "no-such-*"])
        #expect(unknown.status == 1)
        #expect(unknown.errors == ["no course matches 'no-such-*'"])
    }
}
