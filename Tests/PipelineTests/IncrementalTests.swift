import Engine
import Foundation
import Testing

/// What each kind of edit rebuilds, and why: the pipeline's rules driven over the
/// in-memory file system with a manual clock (ninja's `commands_ran_`, llbuild's
/// `RunReason`). Each list is the whole of what ran; anything else running fails the test.
@Suite struct IncrementalTests {
    /// Builds and checks that exactly `expected` ran, with these reasons.
    func expectRan(_ f: PipelineFixture, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let ran = PipelineFixture.ran(try await f.build())
        #expect(ran == expected, "ran:\n\(ran.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    func built() async throws -> PipelineFixture {
        let f = try PipelineFixture()
        let first = try await f.build()
        #expect(first.tasksRun > 40)
        #expect(try await f.build().ran.isEmpty)
        return f
    }

    @Test func aChapterEditRerendersItsPageOnly() async throws {
        let f = try await built()
        try f.edit("content/guide/01-start.md", replacing: "The first chapter.", with: "The very first chapter.")
        try await expectRan(f, [
            "coursepages:guide: input page:guide/01-start.html changed",
            "page:guide/01-start.html: input file:/project/content/guide/01-start.md changed",
            // The edit is in the chapter's first words, which the search index keeps.
            "searchentries:guide: input file:/project/content/guide/01-start.md changed",
            "searchindex:: input searchentries:guide changed",
            "site:: input searchindex: changed",
            "title:content/guide/01-start.md: input file:/project/content/guide/01-start.md changed",
        ])
        #expect(f.text("build/site/guide/01-start.html")?.contains("The very first chapter.") == true)
    }

    @Test func aCourseFileEditRebuildsThatCourseAndTheIndex() async throws {
        let f = try await built()
        let paid = f.provider.requests
        try f.edit("catalog/outline.md", replacing: "title: An Outline", with: "title: The Outline")
        try await expectRan(f, [
            "catalogdata:: input summary:outline changed",  // api/catalog.json
            "course:outline: input file:/project/catalog/outline.md changed",
            "coursedata:outline: input course:outline changed",  // api/courses/outline.json
            "coursepages:outline: input course:outline changed",
            "entry:catalog/outline.md: input file:/project/catalog/outline.md changed",
            "generate:outline/module-01: input course:outline changed",
            "generate:outline/module-02: input course:outline changed",
            "lock:: input course:outline changed",
            "outline:outline: input course:outline changed",
            "page:index.html: input summary:outline changed",
            "page:outline/index.html: input course:outline changed",
            "page:outline/module-01.html: input outline:outline changed",
            "page:outline/module-02.html: input outline:outline changed",
            "searchentries:outline: input course:outline changed",
            "searchindex:: input searchentries:outline changed",
            "site:: input page:index.html changed",
            "summary:outline: input course:outline changed",
            "titles:outline: input outline:outline changed",
        ])
        // The course title is in the generate prompt: two modules written again; their
        // grading requests are the same as before, answered from the cache.
        #expect(f.provider.requests - paid == 2)
    }

    @Test func anAddedCourseBuildsOnlyItselfAndTheIndex() async throws {
        let f = try await built()
        f.put("catalog/extra.md", "---\nid: extra\ntitle: Extra\nsource: {kind: content}\n---\nMore.\n")
        f.put("content/extra/01-one.md", "# One\n\nOne chapter.\n")
        try await expectRan(f, [
            "catalog:: input dir:/project/catalog/*.md|.markdown|.json changed", "catalogdata:: input catalog: changed",
            "chapters:extra: never built", "course:extra: never built", "coursedata:extra: never built",
            "coursepages:extra: never built",
            "entry:catalog/extra.md: never built", "locate:extra: never built",
            // Every course looks itself up in the changed catalog, and is cut off there.
            "locate:guide: input catalog: changed", "locate:notes: input catalog: changed",
            "locate:outline: input catalog: changed", "lock:: input catalog: changed",
            "outline:extra: never built", "page:extra/01-one.html: never built", "page:extra/index.html: never built",
            "page:index.html: input catalog: changed", "prereqmap:: input catalog: changed",
            "searchentries:extra: never built", "searchindex:: input catalog: changed",
            "site:: input catalog: changed", "summary:extra: never built",
            "title:content/extra/01-one.md: never built",
        ])
        #expect(f.text("build/site/index.html")?.contains("extra/index.html") == true)
    }

    @Test func aRemovedCourseLosesItsPagesAndNothingElseRebuilds() async throws {
        let f = try await built()
        try f.fileSystem.remove(PipelineFixture.root + "/catalog/guide.md")
        try await expectRan(f, [
            "catalog:: input dir:/project/catalog/*.md|.markdown|.json changed", "catalogdata:: input catalog: changed",
            "locate:notes: input catalog: changed", "locate:outline: input catalog: changed",
            "lock:: input catalog: changed", "page:index.html: input catalog: changed", "prereqmap:: input catalog: changed",
            "searchindex:: input catalog: changed", "site:: input catalog: changed",
        ])
        #expect(f.text("build/site/guide/index.html") == nil && f.text("build/site/guide/01-start.html") == nil)
        #expect(f.text("build/site/index.html")?.contains("guide/index.html") == false)
    }

    @Test func aPathwayFileEditRegeneratesOnlyTheModuleWhoseEntryChanged() async throws {
        let f = try await built()
        let pathway = try #require(f.text("catalog/notes.pathway.yml"))
        #expect(pathway.contains("chosen: follow-the-documentation"))
        // The option not chosen: the pathway changes, the chosen module's entry does not.
        let otherOption = try #require(pathway.range(of: "- id: concepts-first"))
        f.put("catalog/notes.pathway.yml", pathway.replacingCharacters(
            in: otherOption.lowerBound..<pathway.endIndex,
            with: pathway[otherOption.lowerBound...].replacingOccurrences(of: "minutes: 5", with: "minutes: 25")))
        try await expectRan(f, [
            "links:notes: input pathway:notes changed",  // and cut off: no document moved
            "moduleplan:notes/light-and-water: input pathway:notes changed",
            "outline:notes: input pathway:notes changed",
            "page:notes/index.html: input pathway:notes changed",  // it names the chosen option
            "pathway:notes: input file:/project/catalog/notes.pathway.yml changed",
        ])
        // The chosen module's title: its entry, its module and its pages.
        let paid = f.provider.requests
        try f.edit("catalog/notes.pathway.yml", replacing: "  - id: light-and-water\n    title: Light and Water\n    minutes: 5",
                   with: "  - id: light-and-water\n    title: How plants feed\n    minutes: 5")
        try await expectRan(f, [
            "coursedata:notes: input outline:notes changed",
            "coursepages:notes: input outline:notes changed",
            "generate:notes/light-and-water: input moduleplan:notes/light-and-water changed",
            "links:notes: input pathway:notes changed",
            "moduleplan:notes/light-and-water: input pathway:notes changed",
            "outline:notes: input pathway:notes changed",
            "page:notes/index.html: input outline:notes changed",
            "page:notes/light-and-water.html: input outline:notes changed",
            "pathway:notes: input file:/project/catalog/notes.pathway.yml changed",
            "searchentries:notes: input outline:notes changed",
            "searchindex:: input searchentries:notes changed",
            "site:: input searchindex: changed",
            "sources:notes/light-and-water: input moduleplan:notes/light-and-water changed",
            "summary:notes: input outline:notes changed",
            "titles:notes: input outline:notes changed",
        ])
        #expect(f.provider.requests - paid == 2)  // the module written and graded again
        #expect(f.text("build/site/notes/light-and-water.html")?.contains("How plants feed") == true)
    }

    @Test func aPromptChangeRerunsThatStepOnly() async throws {
        let f = try await built()
        let paid = f.provider.requests
        try f.edit("prompts/generate-module.mustache", replacing: "module", with: "Module")
        try await expectRan(f, [
            "generate:notes/light-and-water: input prompt:generate-module changed",
            "generate:outline/module-01: input prompt:generate-module changed",
            "generate:outline/module-02: input prompt:generate-module changed",
            "prompt:generate-module: input file:/project/prompts/generate-module.mustache changed",
        ])
        // Three modules asked again; the offline writer gives the same modules, so their
        // grading is answered from the cache and no page changes.
        #expect(f.provider.requests - paid == 3)
        #expect(try await f.build().ran.isEmpty)
    }
}

/// A course whose folder is the whole project (no git): the build folder inside it is
/// never read as a source, so the build's own pages do not feed the next build.
@Suite struct FolderSourceTests {
    @Test func aProjectFolderCourseSkipsTheBuildFolder() async throws {
        let f = try PipelineFixture()
        f.put("catalog/everything.md", """
            ---
            id: everything
            title: Everything
            source:
              kind: repo
              url: .
              ref: main
              folders: [.]
            ---
            A course from every document in the project.
            """)
        try await f.build()
        let scanned = f.fileSystem.reads.filter { $0.hasPrefix(PipelineFixture.root + "/build/site/") }
        #expect(scanned.isEmpty, "\(scanned.prefix(3))")
        // The pathway file the first build wrote into catalog/ changes that listing: the
        // scan runs once more and is cut off (a .yml file is not a document). Then nothing.
        let second = try await f.build()
        #expect(PipelineFixture.ran(second) == ["scan:everything: input dir:/project/catalog changed"])
        #expect(second.tasksCutOff == 1)
        #expect(try await f.build().ran.isEmpty)
    }
}
