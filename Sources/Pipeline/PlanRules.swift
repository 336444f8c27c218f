import Catalog
import Engine
import Foundation
import LLM
import Markup

/// `analyse:<id>/<blob>.<format>` is what one document teaches (the `analyse-document`
/// step): keyed by blob, so only a document whose content changed is analysed again.
struct AnalyseRule: Rule {
    let kind = "analyse"
    let version = 1
    let environment: PipelineEnvironment

    static let textLimit = 16_000

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let (courseID, _, _) = try DocumentRule.parse(key)
        let course = try await environment.need(Keys.course(courseID), as: Course.self, in: context)
        let name = String(key.name.dropFirst(courseID.count + 1))
        let document = try await context.need(Keys.document(courseID, name), as: DocumentText.self)
        let inputs: JSONValue = [
            "title": .string(document.title ?? ""), "text": .string(String(document.markdown.prefix(AnalyseRule.textLimit))),
            "words": .number(Double(document.words)), "level": .string(course.level.rawValue),
            "audience": .string(course.audience ?? ""),
        ]
        return try await ModuleStep(environment: environment)
            .ask("analyse-document", version: version, key: key, course: course, inputs: inputs, in: context)
    }
}

/// `plan:<id>` proposes pathway options from every document's analysis, the overview,
/// and the course's level and audience (the `plan-pathways` step).
struct PlanRule: Rule {
    let kind = "plan"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await environment.need(Keys.course(key.name), as: Course.self, in: context)
        let scan = try await context.need(Keys.scan(course.id), as: Scan.self)
        let analyses = try await context.need(scan.documents.map { Keys.analyse(course.id, $0.name) })
            .map { try JSONValue(parsing: $0) }
        var overview = ""
        if let document = scan.overview {
            overview = String(try await context.need(Keys.document(course.id, document.name), as: DocumentText.self)
                .markdown.prefix(6000))
        }
        let documents: [JSONValue] = zip(scan.documents, analyses).enumerated().map { n, pair in
            let (document, analysis) = pair
            return [
                "number": .number(Double(n + 1)), "path": .string(document.path),
                "title": analysis["title"] ?? .string(document.path), "type": analysis["type"] ?? "other",
                "complexity": analysis["complexity"] ?? "intermediate", "summary": analysis["summary"] ?? "",
                "concepts": .string((analysis["key_concepts"]?.array ?? []).compactMap(\.string).joined(separator: ", ")),
                "objectives": analysis["learning_objectives"] ?? [], "words": analysis["word_count"] ?? 0,
            ]
        }
        let inputs: JSONValue = [
            "course_title": .string(course.title), "course_description": .string(course.description),
            "level": .string(course.level.rawValue), "audience": .string(course.audience ?? ""),
            "overview": .string(overview), "documents": .array(documents),
        ]
        return try await ModuleStep(environment: environment)
            .ask("plan-pathways", version: version, key: key, course: course, inputs: inputs, in: context)
    }
}

/// `pathway:<id>` is the pathway the course is built from. When `catalog/<id>.pathway.yml`
/// exists it is used as written (checked against the scanned documents, errors at
/// file:line:column); otherwise the plan is written there, once, for the author to edit.
/// With `--replan` the plan is written again, keeping the author's choice when its id remains.
struct PathwayRule: Rule {
    let kind = "pathway"
    let version = 1
    let environment: PipelineEnvironment

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let course = try await environment.need(Keys.course(key.name), as: Course.self, in: context)
        let scan = try await context.need(Keys.scan(course.id), as: Scan.self)
        let file = try await context.settings().catalogPath + "/" + PathwayFile.name(for: course.id)
        let path = environment.projectPath(file)
        _ = try await context.exists(ReplanStamp.path(environment.buildDir))
        var previousChoice: String?
        if try await context.exists(path) {
            let text = try await context.readText(path)
            let (pathway, diagnostics) = PathwayFile.read(text, file: file, documents: scan.paths)
            if !environment.sources.replan {
                guard let pathway else {
                    throw PipelineError(diagnostics.filter { $0.severity == .error }.map { $0.rendered(source: text) }
                        .joined(separator: "\n"))
                }
                environment.progress?.modules(pathway.chosenOption.modules.count, course: course.id)
                return try StoredJSON.encode(pathway)
            }
            previousChoice = pathway?.chosen
        }
        let plan = try JSONValue(parsing: try await context.need(Keys.plan(course.id)))
        var pathway = try PathwayRule.pathway(from: plan, documents: scan.paths, course: course.id)
        if let previousChoice, pathway.options.contains(where: { $0.id == previousChoice }) { pathway.chosen = previousChoice }
        try await context.writeInput(path, Data(try PathwayFile.render(pathway, course: course.id).utf8))
        environment.progress?.modules(pathway.chosenOption.modules.count, course: course.id)
        return try StoredJSON.encode(pathway)
    }

    /// The plan step's answer as a pathway: ids made from names and titles, paths the
    /// scan does not know dropped (a model may invent one), modules left with none dropped.
    static func pathway(from plan: JSONValue, documents: Set<String>, course: String) throws -> Pathway {
        var optionIDs = Set<String>()
        let options = (plan["options"]?.array ?? []).compactMap { option -> Pathway.Option? in
            var moduleIDs = Set<String>()
            let modules = (option["modules"]?.array ?? []).compactMap { module -> Pathway.PlannedModule? in
                let listed = (module["documents"]?.array ?? []).compactMap(\.string).filter(documents.contains)
                let title = module["title"]?.string ?? "Module"
                guard !listed.isEmpty else { return nil }
                let id = Pathway.id(for: title, taken: moduleIDs)
                moduleIDs.insert(id)
                return Pathway.PlannedModule(id: id, title: title, minutes: module["minutes"]?.int ?? 30,
                                             objectives: (module["objectives"]?.array ?? []).compactMap(\.string),
                                             documents: listed)
            }
            guard !modules.isEmpty else { return nil }
            let name = option["name"]?.string ?? "Pathway"
            let id = Pathway.id(for: name, taken: optionIDs)
            optionIDs.insert(id)
            return Pathway.Option(id: id, name: name, rationale: option["rationale"]?.string ?? "", modules: modules)
        }
        guard let first = options.first else {
            throw PipelineError("course '\(course)': the plan-pathways step proposed no module that draws on the course's documents")
        }
        return Pathway(chosen: first.id, options: options)
    }
}

/// `moduleplan:<id>/<slug>` is one module's entry in the chosen option: editing another
/// module's entry (or another option) leaves this one, and its module, alone.
struct ModulePlanRule: Rule {
    let kind = "moduleplan"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let (course, slug) = try ModulePlanRule.split(key)
        let pathway = try await context.need(Keys.pathway(course), as: Pathway.self)
        guard let module = pathway.chosenOption.modules.first(where: { $0.id == slug }) else {
            throw PipelineError("the chosen pathway of course '\(course)' has no module '\(slug)'")
        }
        return try StoredJSON.encode(module)
    }

    static func split(_ key: BuildKey) throws -> (String, String) {
        let parts = key.name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw PipelineError("no module '\(key.name)'") }
        return (parts[0], parts[1])
    }
}

/// `sources:<id>/<slug>` is the documents (by blob) one module draws on: a commit that
/// changes other documents leaves it, and the module, alone.
struct SourcesRule: Rule {
    let kind = "sources"
    let version = 1

    func run(_ key: BuildKey, in context: RuleContext) async throws -> Data {
        let (course, slug) = try ModulePlanRule.split(key)
        let module = try await context.need(Keys.modulePlan(course, slug), as: Pathway.PlannedModule.self)
        let scan = try await context.need(Keys.scan(course), as: Scan.self)
        let byPath = Dictionary(scan.documents.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let documents = try module.documents.map { path in
            guard let document = byPath[path] else {
                throw PipelineError("module '\(slug)' of course '\(course)' draws on '\(path)', which the scan did not find")
            }
            return document
        }
        return try StoredJSON.encode(documents)
    }
}

/// `<build>/.scrollbuild/replan`: rewritten with a new nonce by `--replan`; every pathway
/// task reads it, so that run plans again and later runs do not.
public enum ReplanStamp {
    public static func path(_ buildDir: String) -> String { buildDir + "/.scrollbuild/replan" }
}
