import Engine

/// Reading the engine's untyped keys back as the pipeline's key types: for the progress
/// board (which course and stage a task is), `status` (which keys are modules) and the
/// command line (what a target names). The only place that maps a kind to a key type.
enum PipelineKeys {
    static let courseKeyTypes: [any CourseScopedKey.Type] = [
        LocateKey.self, RequiredByKey.self, CourseKey.self, ChaptersKey.self, TitleKey.self, OutlineKey.self, SummaryKey.self,
        CoursePagesKey.self, CourseDataKey.self, FetchKey.self, ScanKey.self, OrderKey.self,
        LinkTargetsKey.self, ModuleTitlesKey.self, DocumentKey.self, AnalyseKey.self, PlanKey.self,
        PathwayKey.self, ModulePlanKey.self, SourcesKey.self, GenerateKey.self, SearchEntriesKey.self,
        BookKey.self, BookPartsKey.self, PackagesKey.self, EPUBKey.self, PrintBookKey.self, PDFKey.self, CartridgeKey.self, AnkiKey.self,
    ]

    /// Course-scoped key types by kind: one lookup per key, not one parse per type.
    private static let byKind: [Substring: any CourseScopedKey.Type] =
        Dictionary(uniqueKeysWithValues: courseKeyTypes.map { ($0.kind[...], $0) })

    /// The course-scoped key `key` is, if it is one.
    static func courseKey(_ key: BuildKey) -> (any CourseScopedKey)? {
        byKind[key.kind].flatMap { $0.init(name: key.name) }
    }

    /// The course a key belongs to, if any.
    static func course(of key: BuildKey) -> String? {
        courseKey(key)?.course ?? PageKey(key)?.course
    }

    /// Where a task stands in its course, for the keys the progress board follows: the
    /// course, the stage, the step shown and the kind of task. Keys of a kind the board
    /// does not follow are not parsed at all (this runs twice per task).
    static func place(_ key: BuildKey) -> Place? {
        let kind = key.kind
        if kind == PageKey.kind[...] {
            guard let page = PageKey(name: key.name), let course = page.course else { return nil }
            return Place(course: course, stage: .render, step: "page " + String(page.name.dropFirst(course.count + 1)),
                         kind: PageKey.kind)
        }
        guard let type = byKind[kind], let stage = type.stage, let typed = type.init(name: key.name) else { return nil }
        return Place(course: typed.course, stage: stage, step: typed.step, kind: type.kind)
    }

    struct Place {
        var course: String
        var stage: CourseStage
        var step: String
        /// The key's kind, to tell e.g. an analysis from a scan (`AnalyseKey.kind`).
        var kind: String
    }
}
