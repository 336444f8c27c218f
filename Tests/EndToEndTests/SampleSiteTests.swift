import Foundation
import LLM
import Testing

/// The repository's own sample project, built by the real binary.
@Suite struct SampleSiteTests {
    @Test func indexListsEveryCourseAndEveryPageRendersItsMarkdown() throws {
        let project = try TestProject.sample()
        let result = try project.json(["all"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.tasksFailed == 0)

        let catalogFiles = try FileManager.default.contentsOfDirectory(atPath: project.path("catalog"))
        #expect(result.courses.count == catalogFiles.count)
        #expect(result.courses.count >= 6)
        let index = try project.read("build/site/index.html")
        for id in result.courses {
            #expect(index.contains("href=\"\(id)/index.html\""), "index does not link \(id)")
            #expect(project.exists("build/site/\(id)/index.html"))
        }
        // Every chapter of every content course has a page that renders its Markdown.
        for course in try FileManager.default.contentsOfDirectory(atPath: project.path("content")) {
            for chapter in try FileManager.default.contentsOfDirectory(atPath: project.path("content/\(course)")) {
                let page = try project.read("build/site/\(course)/\(chapter.dropLast(3)).html")
                #expect(page.contains("<h1>"), "\(course)/\(chapter) has no heading")
            }
        }
        let table = try project.read("build/site/build-systems/02-timestamps-and-hashes.html")
        #expect(table.contains("<table>"))
        #expect(table.contains("<td><code>git checkout</code> restores an old file</td>"))
        // Links are relative, so the site works from file://.
        #expect(!index.contains("href=\"/"))
        #expect(table.contains("href=\"../style.css\""))
    }

    /// `api/courses/<id>.json` fits schemas/course.json for every course of the sample, of
    /// each kind, and `api/catalog.json` lists them.
    @Test func theCourseDataFitsItsSchema() throws {
        let project = try TestProject.sample(withDocs: true)
        let result = try project.json(["all"])
        #expect(result.status == 0, "\(result.errors)")
        let schema = JSONSchema(try JSONValue(parsing: Data(contentsOf: TestProject.packageRoot.appendingPathComponent("schemas/course.json"))))
        var kinds = Set<String>()
        for id in result.courses {
            let data = try JSONValue(parsing: Data(try project.read("build/site/api/courses/\(id).json").utf8))
            #expect(schema.violations(of: data).isEmpty, "\(id): \(schema.violations(of: data).prefix(3))")
            kinds.insert(data["kind"]?.string ?? "")
            for module in data["modules"]?.array ?? [] {
                #expect(module["evaluation"]?["checks"]?.array?.count == 8, "\(id)")
                #expect(module["evaluation"]?["flagged"] == .bool(false), "\(id): \(module["title"] ?? "")")
            }
        }
        #expect(kinds == ["content", "modules", "repo"])
        let catalog = try JSONValue(parsing: Data(try project.read("build/site/api/catalog.json").utf8))
        #expect(Set(catalog["courses"]?.array?.compactMap { $0["id"]?.string } ?? []) == Set(result.courses))
    }

    @Test func rawHTMLInAChapterIsNotPassedThrough() throws {
        let project = try TestProject.sample()
        try project.write("content/plain-markdown/03-hostile.md",
                          "# Hostile\n\n<script>alert('x')</script>\n\nText with <b onclick=\"x()\">tags</b>.\n")
        let result = try project.json(["all"])
        #expect(result.status == 0)
        let page = try project.read("build/site/plain-markdown/03-hostile.html")
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("onclick"))
        #expect(page.contains("raw HTML omitted"))
    }

    @Test func twoBuildDirectoriesGetByteIdenticalSites() throws {
        let project = try TestProject.sample()
        #expect(try project.run(["all", "--build-dir", "one"]).status == 0)
        #expect(try project.run(["all", "--build-dir", "two", "-j", "100"]).status == 0)
        let one = try tree(project.path("one/site")), two = try tree(project.path("two/site"))
        #expect(one.count > 30)
        #expect(one == two)
    }

    /// Relative path → bytes, for every file under `root`.
    private func tree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)) }
        }
        return files
    }
}
