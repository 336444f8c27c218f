import Foundation

/// Imports Khan Academy's courses from its site: the sitemaps list every topic page, and a
/// page's path says what it is (`/math` a subject, `/math/algebra` a course,
/// `/math/algebra/<unit>` a unit; deeper pages are lessons, and a top-level page with no
/// course under it is no subject). Each subject, course and unit page gives its title and
/// description. (Its old public API is retired; no private one is used.)
public struct KhanImporter: Sendable {
    let fetcher: PoliteFetcher
    let catalog: ExternalCatalog
    let baseURL: String
    let limit: Int?
    let prune: Bool

    public init(fetcher: PoliteFetcher, catalog: ExternalCatalog, baseURL: String, limit: Int?, prune: Bool) {
        self.fetcher = fetcher
        self.catalog = catalog
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.limit = limit
        self.prune = prune
    }

    public func run(progress: @escaping @Sendable (ImportProgress) -> Void) async -> ImportReport {
        var report = ImportReport(provider: "khan")
        catalog.removeLeftovers()
        guard let pages = await topicPages(into: &report) else { return report }
        // A sitemap that failed hides courses the site still lists: then nothing is retired.
        let complete = limit == nil && report.failures.isEmpty
        let tree = KhanTopics(urls: pages, base: baseURL)
        let chosen = limit.map { Array(tree.courses.prefix($0)) } ?? tree.courses
        report.listed = chosen.count
        var subjects: [String: String] = [:]
        var courses: [ExternalCourse] = []
        for (n, course) in chosen.enumerated() {
            progress(ImportProgress(done: n, total: chosen.count, current: course.id, counts: await fetcher.counts,
                                    failed: report.failures.count))
            if subjects[course.subject] == nil {
                subjects[course.subject] = (try? await page(baseURL + "/" + course.subject, into: &report))?.title ?? course.subject
            }
            guard let read = try? await page(course.url, into: &report) else { continue }
            var entry = ExternalCourse(provider: "khan", id: course.id, title: read.title ?? course.slug, url: course.url)
            entry.description = read.description
            entry.subjectName = subjects[course.subject] ?? course.subject
            for unit in course.units {
                guard let unitPage = try? await page(unit, into: &report) else { continue }
                entry.units.append(ExternalUnit(title: unitPage.title ?? String(unit.split(separator: "/").last ?? ""),
                                                url: unit, description: unitPage.description))
            }
            if read.title == nil { entry.missing.append("title") }
            if read.description == nil { entry.missing.append("description") }
            if course.units.isEmpty { entry.missing.append("units") }
            if !entry.missing.isEmpty { report.missingFields.append((entry.id, entry.missing)) }
            courses.append(entry)
        }
        catalog.publish(courses, listed: complete ? Set(tree.courses.map(\.id)) : nil, prune: prune, into: &report)
        report.counts = await fetcher.counts
        progress(ImportProgress(done: chosen.count, total: chosen.count, current: "", counts: report.counts,
                                failed: report.failures.count))
        return report
    }

    /// Imports the courses of a content export (`name`: its path or URL, for messages)
    /// instead of the site's pages.
    public func run(export bytes: Data, name: String) -> ImportReport {
        var report = ImportReport(provider: "khan")
        catalog.removeLeftovers()
        let all = KhanExport.courses(bytes, name: name, base: baseURL, into: &report)
        let chosen = limit.map { Array(all.prefix($0)) } ?? all
        report.listed = chosen.count
        catalog.publish(chosen, listed: limit == nil && report.failures.isEmpty ? Set(all.map(\.id)) : nil, prune: prune,
                        into: &report)
        return report
    }

    /// Every page the sitemaps list (an index's sitemaps in order), or nil when the first
    /// cannot be read.
    private func topicPages(into report: inout ImportReport) async -> [String]? {
        let indexURL = baseURL + "/sitemap.xml"
        var pages: [String] = []
        do {
            let index = try await fetcher.get(indexURL)
            guard !index.isMissing, let sitemap = Sitemap.parse(index.body) else {
                report.failures.append((indexURL, "not a sitemap"))
                return nil
            }
            guard sitemap.kind == .index else { return sitemap.locations }
            for location in sitemap.locations {
                do {
                    let part = try await fetcher.get(location)
                    pages += Sitemap.parse(part.body)?.locations ?? []
                } catch {
                    report.failures.append((location, error.description))
                }
            }
        } catch {
            report.failures.append((indexURL, error.description))
            return nil
        }
        return pages
    }

    /// A topic page's title and description; a failure goes to the report and throws.
    private func page(_ url: String, into report: inout ImportReport) async throws(FetchFailure) -> KhanPage {
        do throws(FetchFailure) {
            let page = try await fetcher.get(url)
            guard !page.isMissing else { throw FetchFailure.status(page.status) }
            return KhanPage(page.body)
        } catch {
            if error != .disallowed { report.failures.append((url, error.description)) }
            throw error
        }
    }
}

/// Khan Academy's topic tree as its URLs draw it.
struct KhanTopics {
    struct Course {
        var subject: String
        var slug: String
        var url: String
        var units: [String]
        /// `khan-<subject>-<course>`.
        var id: String { "khan-\(subject)-\(slug)".lowercased() }
    }

    var courses: [Course] = []

    init(urls: [String], base: String) {
        var byPath: [String: Int] = [:]
        let paths = urls.compactMap { url -> [String]? in
            guard url.hasPrefix(base + "/") else { return nil }
            let path = url.dropFirst(base.count + 1).split(separator: "?").first.map(String.init) ?? ""
            let parts = path.split(separator: "/").map(String.init)
            return parts.isEmpty ? nil : parts
        }
        for parts in paths where parts.count == 2 && byPath["\(parts[0])/\(parts[1])"] == nil {
            byPath["\(parts[0])/\(parts[1])"] = courses.count
            courses.append(Course(subject: parts[0], slug: parts[1], url: "\(base)/\(parts[0])/\(parts[1])", units: []))
        }
        for parts in paths where parts.count == 3 {
            guard let course = byPath["\(parts[0])/\(parts[1])"] else { continue }
            courses[course].units.append("\(base)/\(parts.joined(separator: "/"))")
        }
    }
}
