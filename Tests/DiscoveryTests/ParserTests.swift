import Discovery
import Foundation
import Testing

/// The sitemaps, data.json files and pages of the fixture site, read as the importer reads them.
@Suite struct ParserTests {
    @Test func theSitemapIndexListsEveryCourseSitemapInOrder() throws {
        let index = try #require(Sitemap.parse(try Fixture.bytes("sitemap.xml")))
        #expect(index.kind == .index)
        #expect(index.locations.count == 27)
        #expect(index.locations.first == "https://ocw.mit.edu/courses/18-01sc-single-variable-calculus-fall-2010/sitemap.xml")
        let course = try #require(Sitemap.parse(try Fixture.bytes("courses/18-06-linear-algebra-spring-2010/sitemap.xml")))
        #expect(course.kind == .pages)
        #expect(course.locations.contains("https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/pages/syllabus/"))
    }

    @Test func aSitemapThatDeclaresEntitiesIsRefused() {
        // libxml2 refuses a "billion laughs" itself; this one it would read (and expand).
        let entity = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [\n<!ENTITY site \"https://example.org/\">\n]>\n"
            + "<urlset><url><loc>&site;courses/</loc></url></urlset>\n"
        #expect(Sitemap.parse(Data(entity.utf8)) == nil)
    }

    @Test func anythingButASitemapIsNone() {
        #expect(Sitemap.parse(Data("<html><body>Not found</body></html>".utf8)) == nil)
        #expect(Sitemap.parse(Data("<urlset><url><loc>https://a/</loc>".utf8)) == nil, "truncated XML")
        #expect(Sitemap.parse(Data("<urlset><url><loc>https://a/</loc></url></urlset>".utf8))?.locations == ["https://a/"],
                "a sitemap without the namespace is still one")
    }
}

@Suite struct OCWPageTests {
    @Test func dataJSONGivesEveryField() throws {
        let slug = "6-042j-mathematics-for-computer-science-spring-2015"
        let course = try #require(OCWCourseData.course(try Fixture.bytes("courses/\(slug)/data.json"),
                                                       id: "ocw-" + slug, url: "https://ocw.mit.edu/courses/\(slug)/"))
        #expect(course.title == "Mathematics for Computer Science")
        #expect(course.courseNumbers == ["6.042J", "18.062J"])
        #expect(course.departments == ["6", "18"])
        #expect(course.subject == "Electrical Engineering and Computer Science")
        #expect(course.levels == ["Undergraduate"])
        #expect(course.level == "intermediate")
        #expect(course.term == "Spring")
        #expect(course.year == "2015")
        #expect(course.topics == ["Mathematics > Discrete Mathematics", "Engineering > Computer Science > Theory of Computation"])
        #expect(course.instructors == ["Prof. Albert R. Meyer", "Prof. Adam Chlipala"])
        #expect(course.resourceTypes == ["Lecture Videos", "Problem Sets with Solutions"])
        #expect(course.description?.hasPrefix("This subject offers an interactive introduction") == true)
        #expect(course.missing.isEmpty)
    }

    @Test func absentFieldsAreRecordedAsMissing() throws {
        let slug = "21m-011-introduction-to-western-music-fall-2013"
        let course = try #require(OCWCourseData.course(try Fixture.bytes("courses/\(slug)/data.json"), id: "ocw-" + slug, url: ""))
        #expect(course.missing == ["topics", "instructors"])
        #expect(course.description == "This course is an introduction to Western music.", "its HTML twin was not read")
        #expect(course.title == "Introduction to Western Music")
        #expect(OCWCourseData.course(Data("[1, 2]".utf8), id: "x", url: "") == nil)
        #expect(OCWCourseData.course(Data("{\"course_title\": ".utf8), id: "x", url: "") == nil)
    }

    @Test func aPloneEraHomePageGivesTheSameFacts() throws {
        let path = "courses/electrical-engineering-and-computer-science/6-001-structure-and-interpretation-of-computer-programs-spring-2005/"
        let course = try #require(OCWLegacyPage.course(try Fixture.bytes(path + "index.html"), id: "ocw-6-001", url: "u"))
        #expect(course.title == "Structure and Interpretation of Computer Programs")
        #expect(course.courseNumbers == ["6.001"])
        #expect(course.departments == ["6"])
        #expect(course.term == "Spring")
        #expect(course.year == "2005")
        #expect(course.levels == ["Undergraduate"])
        #expect(course.instructors == ["Prof. Eric Grimson", "Prof. Peter Szolovits", "Dr. Trevor Darrell"])
        #expect(course.description?.hasPrefix("6.001 Structure and Interpretation") == true)
        #expect(course.missing.isEmpty)
        #expect(OCWLegacyPage.course(Data("<html><body><p>Moved</p></body></html>".utf8), id: "x", url: "") == nil)
    }

    @Test func theSyllabusGivesItsPrerequisitesSection() throws {
        func prerequisites(_ path: String) throws -> String? { SyllabusSection.prerequisites(try Fixture.bytes(path)) }
        #expect(try prerequisites("courses/8-04-quantum-physics-i-spring-2016/pages/syllabus/index.html")
                == "8.03 is the prerequisite, which has 18.03 as a prerequisite.")
        #expect(try prerequisites("courses/8-03sc-physics-iii-vibrations-and-waves-fall-2016/pages/syllabus/index.html")
                == "8.02 Physics II and 18.03 Differential Equations.", "an h3 heading")
        #expect(try prerequisites("courses/physics/8-333-statistical-mechanics-i-statistical-mechanics-of-particles-fall-2007/syllabus/index.html")
                == "8.044 Statistical Physics I and 8.05 Quantum Physics II, or permission of instructor.")
        #expect(SyllabusSection.prerequisites(Data("<h2>Grading</h2><p>Exams 100%</p>".utf8)) == nil)
        #expect(SyllabusSection.prerequisites(Data("<h2>Prerequisites</h2><h2>Grading</h2><p>x</p>".utf8)) == nil,
                "an empty section is none, not the next one's text")
    }
}
