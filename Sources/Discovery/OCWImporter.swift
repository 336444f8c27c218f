import Foundation

/// Imports MIT OpenCourseWare's courses: the sitemap index (`/sitemap.xml`) lists one
/// sitemap per course; each course is read from its `data.json` (today's site) or, where
/// there is none, from its home page (the Plone-era export), and its prerequisites from
/// the syllabus page its sitemap lists. One course's failure never stops the others.
public struct OCWImporter: Sendable {
    let fetcher: PoliteFetcher
    let catalog: ExternalCatalog
    /// `https://ocw.mit.edu`, or a mirror's address.
    let baseURL: String
    let limit: Int?
    let prune: Bool
    /// Reads what the patterns leave open; nil leaves it open (marked in the entry).
    let reader: (any PrerequisiteReader)?

    public init(fetcher: PoliteFetcher, catalog: ExternalCatalog, baseURL: String, limit: Int?, prune: Bool,
                reader: (any PrerequisiteReader)? = nil) {
        self.fetcher = fetcher
        self.catalog = catalog
        self.reader = reader
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.limit = limit
        self.prune = prune
    }

    public func run(progress: @escaping @Sendable (ImportProgress) -> Void) async -> ImportReport {
        var report = ImportReport(provider: "ocw")
        catalog.removeLeftovers()
        let indexURL = baseURL + "/sitemap.xml"
        let index: Sitemap
        do {
            let page = try await fetcher.get(indexURL)
            guard !page.isMissing, let parsed = Sitemap.parse(page.body), parsed.kind == .index else {
                report.failures.append((indexURL, "not a sitemap index"))
                return report
            }
            index = parsed
        } catch {
            report.failures.append((indexURL, error.description))
            return report
        }
        let all = index.locations.compactMap(CourseLocation.init)
        let chosen = limit.map { Array(all.prefix($0)) } ?? all
        report.listed = chosen.count
        var courses: [ExternalCourse] = []
        for (n, location) in chosen.enumerated() {
            progress(ImportProgress(done: n, total: chosen.count, current: location.id, counts: await fetcher.counts,
                                    failed: report.failures.count))
            if let course = await importCourse(location, into: &report) { courses.append(course) }
        }
        if let reader { await read(&courses, with: reader, into: &report) }
        catalog.publish(courses, listed: limit == nil ? Set(all.map(\.id)) : nil, prune: prune, into: &report)
        report.counts = await fetcher.counts
        progress(ImportProgress(done: chosen.count, total: chosen.count, current: "", counts: report.counts,
                                failed: report.failures.count))
        return report
    }

    /// Hands the texts no pattern settled to the reader; what it answers replaces "open".
    private func read(_ courses: inout [ExternalCourse], with reader: any PrerequisiteReader, into report: inout ImportReport) async {
        let open = courses.filter(\.prerequisitesOpen).compactMap { course in
            course.prerequisitesText.map { OpenPrerequisites(id: course.id, numbers: course.courseNumbers, text: $0) }
        }
        guard !open.isEmpty else { return }
        report.askedModel = open.count
        let answers = await reader.read(open)
        for i in courses.indices {
            guard let relations = answers[courses[i].id] else { continue }
            courses[i].relations = relations
            courses[i].prerequisitesOpen = false
        }
    }

    /// One course read from the site, or nil (its failure in the report).
    private func importCourse(_ location: CourseLocation, into report: inout ImportReport) async -> ExternalCourse? {
        var url = location.sitemap
        do {
            let sitemapPage = try await fetcher.get(url)
            let pages = Sitemap.parse(sitemapPage.body)?.locations ?? []
            url = location.root + "data.json"
            let data = try await fetcher.get(url)
            var course: ExternalCourse?
            if data.isMissing {
                url = location.root
                let home = try await fetcher.get(url)
                course = home.isMissing ? nil : OCWLegacyPage.course(home.body, id: location.id, url: location.root)
            } else {
                course = OCWCourseData.course(data.body, id: location.id, url: location.root)
            }
            guard var course else {
                report.failures.append((url, data.isMissing ? "no data.json and no course home page" : "not a course's data"))
                return nil
            }
            if let syllabus = pages.first(where: { $0.hasSuffix("/syllabus/") || $0.hasSuffix("/syllabus") }) {
                url = syllabus
                let page = try await fetcher.get(syllabus)
                course.prerequisitesText = page.isMissing ? nil : SyllabusSection.prerequisites(page.body)
            }
            if let text = course.prerequisitesText {
                switch PrerequisitePatterns.find(in: text, ownNumbers: course.courseNumbers) {
                case .settled(let edges): course.relations = edges
                case .open: course.prerequisitesOpen = true
                }
            } else {
                course.missing.append("prerequisites")
            }
            if !course.missing.isEmpty { report.missingFields.append((course.id, course.missing)) }
            return course
        } catch .disallowed {
            report.disallowed.append(location.id)
        } catch {
            report.failures.append((url, error.description))
        }
        return nil
    }
}

/// One course in the sitemap index: `<root>sitemap.xml`, whose root is the course's
/// address (`…/courses/<slug>/`, or `…/courses/<department>/<slug>/` in the Plone era).
struct CourseLocation: Sendable {
    var sitemap: String
    var root: String
    /// `ocw-<slug>`.
    var id: String

    init?(_ sitemap: String) {
        guard sitemap.hasSuffix("/sitemap.xml") else { return nil }
        root = String(sitemap.dropLast("sitemap.xml".count))
        guard let slug = root.split(separator: "/").last, root.contains("/courses/") else { return nil }
        self.sitemap = sitemap
        id = "ocw-" + slug.lowercased()
    }
}
