import Engine

extension RuleContext {
    /// The catalog's courses whose pages all built, in catalog order: what the index,
    /// the data files, the sitemap and the search index list (a broken course fails alone).
    ///
    /// A build of some courses (`selection:`) lists the chosen ones that built and the
    /// others whose pages are up to date from an earlier build; it builds no other course.
    func builtCourses() async throws -> [String] {
        var ids = try await need(CatalogKey()).courses.map(\.id)
        if let chosen = try await need(SelectionKey()).map(Set.init) {
            var listed: [String] = []
            for id in ids where chosen.contains(id) { listed.append(id) }
            for id in ids where !chosen.contains(id) {
                if await isUpToDate(CoursePagesKey(course: id)) { listed.append(id) }
            }
            ids = ids.filter(Set(listed).contains)
        }
        let built = await needEach(ids.map(CoursePagesKey.init(course:)))
        return zip(ids, built).compactMap { id, pages in (try? pages.get()) == nil ? nil : id }
    }
}
