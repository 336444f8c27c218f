import Engine

/// Reading the engine's untyped keys back as the pipeline's key types: for the progress
/// board (which course and stage a task is), `status` (which keys are modules) and the
/// command line (what a target names). The only place that maps a kind to a key type.
enum PipelineKeys {
    static let courseKeyTypes: [any CourseScopedKey.Type] = [
        LocateKey.self, CourseKey.self, ChaptersKey.self, TitleKey.self, OutlineKey.self, SummaryKey.self,
        CoursePagesKey.self, FetchKey.self, ScanKey.self, DocumentKey.self, AnalyseKey.self, PlanKey.self,
        PathwayKey.self, ModulePlanKey.self, SourcesKey.self, GenerateKey.self,
    ]

    /// The course-scoped key `key` is, if it is one.
    static func courseKey(_ key: BuildKey) -> (any CourseScopedKey)? {
        for type in courseKeyTypes {
            if let typed = type.init(key) { return typed }
        }
        return nil
    }

    /// Where a task stands in its course: the course, the stage and the step shown, for the
    /// keys the progress board follows.
    static func place(_ key: BuildKey) -> (course: String, stage: CourseStage, step: String)? {
        if let page = PageKey(key), let course = page.course {
            return (course, .render, "page " + String(page.name.dropFirst(course.count + 1)))
        }
        guard let typed = courseKey(key), let stage = type(of: typed).stage else { return nil }
        return (typed.course, stage, typed.step)
    }
}
