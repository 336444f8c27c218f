import Engine

extension RuleContext {
    /// The catalog's courses whose pages all built, in catalog order: what the index,
    /// the data files, the sitemap and the search index list (a broken course fails alone).
    func builtCourses() async throws -> [String] {
        let ids = try await need(CatalogKey()).courses.map(\.id)
        let built = await needEach(ids.map(CoursePagesKey.init(course:)))
        return zip(ids, built).compactMap { id, pages in (try? pages.get()) == nil ? nil : id }
    }
}
