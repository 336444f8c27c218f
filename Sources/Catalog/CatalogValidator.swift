import Diagnostics

/// The checks that need the whole catalog: unique ids, prerequisites that name real
/// courses, and no prerequisite cycles. A course with an error in its own file, a
/// duplicate id or a cycle is left out of the result (reported, skipped); every other
/// course builds, one naming an unknown prerequisite too.
public enum CatalogValidator {
    public static func validate(_ entries: [CatalogEntry]) -> Catalog {
        let entries = entries.sorted { $0.file < $1.file }
        var diagnostics = entries.flatMap(\.diagnostics)
        var broken = Set(entries.indices.filter { entries[$0].hasErrors })

        // Unique ids: the first file (by path) keeps the id.
        var owner: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            guard let id = entry.id else { continue }
            if let first = owner[id] {
                diagnostics.append(.error("duplicate id '\(id)': \(entries[first].idLocation) already uses it; "
                                          + "give this course another id", at: entry.idLocation))
                broken.insert(i)
            } else {
                owner[id] = i
            }
        }

        // Prerequisites name known courses. An unknown one is an error on its line, but the
        // course that names it still builds (without it).
        let known = owner.keys.sorted()
        for entry in entries {
            for reference in entry.prerequisites where owner[reference.id] == nil {
                let hint = Suggestion.closest(to: reference.id, in: known).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(.error("prerequisite '\(reference.id)' is not a course in the catalog\(hint)",
                                          at: reference.location))
            }
        }

        // No cycles among prerequisites.
        let graph = owner.mapValues { entries[$0].prerequisites.map(\.id).filter { owner[$0] != nil } }
        for cycle in PrerequisiteCycles.find(in: graph) {
            let first = cycle[0], next = cycle.count > 1 ? cycle[1] : cycle[0]
            let entry = entries[owner[first] ?? 0]
            let at = entry.prerequisites.first { $0.id == next }?.location ?? entry.idLocation
            let path = (cycle + [first]).joined(separator: " → ")
            diagnostics.append(.error("prerequisites form a cycle: \(path); remove one of these prerequisites", at: at))
            for id in cycle { if let i = owner[id] { broken.insert(i) } }
        }

        let building = Set(entries.indices.filter { !broken.contains($0) }.compactMap { entries[$0].id })
        let courses = entries.indices.filter { !broken.contains($0) }.compactMap { i -> Catalog.Item? in
            guard let id = entries[i].id else { return nil }
            // A prerequisite that does not build is left out (its own error says why).
            return Catalog.Item(id: id, file: entries[i].file,
                                prerequisites: entries[i].prerequisites.map(\.id).filter(building.contains),
                                packaged: entries[i].packaged, external: entries[i].external)
        }
        return Catalog(courses: courses.sorted { $0.id < $1.id }, diagnostics: diagnostics.sorted())
    }
}

/// Finds prerequisite cycles: the strongly connected components (Tarjan's algorithm) with
/// more than one course, or a course that requires itself.
public enum PrerequisiteCycles {
    /// Each cycle starts at its smallest id and follows prerequisites; cycles sorted.
    public static func find(in graph: [String: [String]]) -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:], lowlinks: [String: Int] = [:]
        var stack: [String] = [], onStack: Set<String> = []
        var components: [[String]] = []

        func connect(_ v: String) {
            indices[v] = index
            lowlinks[v] = index
            index += 1
            stack.append(v)
            onStack.insert(v)
            for w in graph[v] ?? [] {
                if indices[w] == nil {
                    connect(w)
                    lowlinks[v] = min(lowlinks[v] ?? 0, lowlinks[w] ?? 0)
                } else if onStack.contains(w) {
                    lowlinks[v] = min(lowlinks[v] ?? 0, indices[w] ?? 0)
                }
            }
            if lowlinks[v] == indices[v] {
                var component: [String] = []
                while let w = stack.popLast() {
                    onStack.remove(w)
                    component.append(w)
                    if w == v { break }
                }
                if component.count > 1 || (graph[v] ?? []).contains(v) { components.append(component) }
            }
        }
        for v in graph.keys.sorted() where indices[v] == nil { connect(v) }
        return components.map { order($0, graph: graph) }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The component as a walk along prerequisite edges from its smallest id.
    private static func order(_ component: [String], graph: [String: [String]]) -> [String] {
        let members = Set(component)
        guard let start = component.min() else { return [] }
        var path = [start], seen: Set<String> = [start]
        var current = start
        while let next = (graph[current] ?? []).filter({ members.contains($0) && !seen.contains($0) }).min() {
            path.append(next)
            seen.insert(next)
            current = next
        }
        return path
    }
}
