import Discovery
import Effects
import Foundation
import Testing

@Suite struct HTTPDiskCacheTests {
    static func folder() -> String { NSTemporaryDirectory() + "http-cache-\(UUID().uuidString)" }

    static let page = CachedResponse(url: "https://ocw.mit.edu/courses/18-06/data.json", status: 200, etag: "\"abc\"",
                                     lastModified: "Wed, 01 May 2024 12:00:00 GMT", fetchedAt: 1_767_225_600.5,
                                     maxAge: nil, body: Data("{\"course_title\": \"Linear Algebra\"}".utf8))

    @Test func anEntryReadsBackAsItWasWritten() throws {
        let fs = LocalFileSystem(), root = Self.folder()
        defer { try? fs.remove(root) }
        let cache = HTTPDiskCache(folder: root, fileSystem: fs)
        #expect(cache.read(Self.page.url) == nil)
        try cache.write(Self.page)
        #expect(cache.read(Self.page.url) == Self.page)
        #expect(cache.read(Self.page.url + "?") == nil)
        let check = try cache.check()
        #expect(check.entries == 1 && check.corrupt.isEmpty)
    }

    @Test func anEntryThatDoesNotCheckOutIsNoEntry() throws {
        let fs = LocalFileSystem(), root = Self.folder()
        defer { try? fs.remove(root) }
        let cache = HTTPDiskCache(folder: root, fileSystem: fs)
        try cache.write(Self.page)
        let file = try #require(try fs.list(root).first { $0.count == 2 }.map { "\(root)/\($0)" })
        let path = "\(file)/\(try fs.list(file)[0])"
        var bytes = try fs.read(path)
        bytes[bytes.count - 3] ^= 0x20  // one flipped bit in the body
        try fs.write(path, bytes, durable: false)
        #expect(cache.read(Self.page.url) == nil)
        #expect(try cache.check().corrupt == [path])
        try fs.write(path, bytes.prefix(bytes.count - 10), durable: false)  // cut short
        #expect(cache.read(Self.page.url) == nil)
    }

    @Test func aRunLeftUnfinishedIsContinuedAndAFinishedOneIsNot() throws {
        let fs = LocalFileSystem(), root = Self.folder()
        defer { try? fs.remove(root) }
        let cache = HTTPDiskCache(folder: root, fileSystem: fs)
        #expect(try cache.beginRun(now: 100) == 100)
        // Killed here: the next run continues this one.
        try fs.write(root + "/ab/leftover.tmp.123.456", Data("half".utf8), durable: false)
        #expect(try cache.beginRun(now: 200) == 100)
        #expect(fs.stat(root + "/ab/leftover.tmp.123.456") == nil, "a killed write's temporary file was kept")
        try cache.endRun()
        #expect(try cache.beginRun(now: 300) == 300)
    }

    @Test func cacheControlSaysHowLongAnAnswerStaysFresh() {
        var page = Self.page
        #expect(!page.isFresh(at: page.fetchedAt), "with no max-age, every use asks again")
        page.maxAge = CachedResponse.lifetime(cacheControl: "public, max-age=600")
        #expect(page.isFresh(at: page.fetchedAt + 599) && !page.isFresh(at: page.fetchedAt + 600))
        #expect(CachedResponse.lifetime(cacheControl: "max-age=600, no-cache") == 0)
    }
}

@Suite struct ExternalCatalogTests {
    static func course(_ title: String = "Linear Algebra") -> ExternalCourse {
        var course = ExternalCourse(provider: "ocw", id: "ocw-18-06-linear-algebra-spring-2010", title: title,
                                    url: "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/")
        course.courseNumbers = ["18.06"]
        course.departments = ["18"]
        course.levels = ["Undergraduate"]
        course.term = "Spring"
        course.year = "2010"
        course.topics = ["Mathematics > Linear Algebra", "Mathematics > Applied Mathematics"]
        course.prerequisitesText = "Prerequisite: 18.02 \"Multivariable Calculus\"."
        return course
    }

    @Test func anEntryIsJSONWithItsKeysInAFixedOrder() throws {
        let text = Self.course().catalogJSON()
        #expect(text == """
            {
              "id": "ocw-18-06-linear-algebra-spring-2010",
              "title": "Linear Algebra",
              "subject": "Mathematics",
              "level": "intermediate",
              "prerequisites": [],
              "source": {
                "kind": "external",
                "provider": "ocw",
                "url": "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/",
                "course_numbers": ["18.06"],
                "departments": ["18"],
                "levels": ["Undergraduate"],
                "term": "Spring",
                "year": "2010",
                "topics": ["Mathematics > Linear Algebra", "Mathematics > Applied Mathematics"],
                "prerequisites_text": "Prerequisite: 18.02 \\"Multivariable Calculus\\"."
              }
            }

            """)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect((json?["source"] as? [String: Any])?["kind"] as? String == "external")
    }

    @Test func writingReportsNewChangedAndUnchangedAndRetiringMarksOnce() throws {
        let fs = LocalFileSystem(), root = NSTemporaryDirectory() + "external-\(UUID().uuidString)"
        defer { try? fs.remove(root) }
        let catalog = ExternalCatalog(folder: root, fileSystem: fs)
        #expect(try catalog.write(Self.course()) == .new)
        #expect(try catalog.write(Self.course()) == .unchanged)
        #expect(try catalog.write(Self.course("Linear Algebra (2010)")) == .changed)
        var other = Self.course()
        other.id = "ocw-18-02-gone"
        _ = try catalog.write(other)

        #expect(try catalog.retire(keeping: [Self.course().id], prune: false) == ["ocw-18-02-gone"])
        let marked = try JSONSerialization.jsonObject(with: try fs.read(root + "/ocw-18-02-gone.json")) as? [String: Any]
        #expect((marked?["source"] as? [String: Any])?["removed"] as? Bool == true)
        #expect(try catalog.retire(keeping: [Self.course().id], prune: false) == [], "marked twice")
        #expect(try catalog.retire(keeping: [Self.course().id], prune: true) == ["ocw-18-02-gone"])
        #expect(catalog.ids() == [Self.course().id])
    }
}
