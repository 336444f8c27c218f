import Catalog
import Engine
import Foundation
import LLM

/// `pathway:<id>` is the pathway the course is built from. When `catalog/<id>.pathway.yml`
/// exists it is used as written (checked against the scanned documents, errors at
/// file:line:column); otherwise the plan is written there, once, for the author to edit.
/// With `--replan` the plan is written again, keeping the author's choice when its id remains.
struct PathwayRule: TypedRule {
    let version = 2  // 2: typed value; --replan is an engine input
    let environment: PipelineEnvironment

    /// The build input that `--replan` sets (a new value each time, so every `--replan` plans again).
    static let replanInput = "replan"

    func compute(_ key: PathwayKey, in context: RuleContext) async throws -> Pathway {
        let course = try await context.need(CourseKey(course: key.course))
        let scan = try await context.need(ScanKey(course: course.id))
        let file = try await context.settings().catalogPath + "/" + PathwayFile.name(for: course.id)
        let path = environment.projectPath(file)
        let replan = try await !context.input(PathwayRule.replanInput).isEmpty
        var previousChoice: String?
        if try await context.exists(path) {
            let text = try await context.readText(path, limit: EntryRule.sizeLimit)
            let (pathway, diagnostics) = PathwayFile.read(text, file: file, documents: scan.paths)
            if !replan {
                guard let pathway else {
                    throw PipelineError(diagnostics.filter { $0.severity == .error }.map { $0.rendered(source: text) }
                        .joined(separator: "\n"))
                }
                environment.progress?.modules(pathway.chosenOption.modules.count, course: course.id)
                return pathway
            }
            previousChoice = pathway?.chosen
        }
        let plan = try await context.need(PlanKey(course: course.id))
        var pathway = try PathwayRule.pathway(from: plan, documents: scan.paths, course: course.id)
        if let previousChoice, pathway.options.contains(where: { $0.id == previousChoice }) { pathway.chosen = previousChoice }
        try await context.writeInput(path, Data(try PathwayFile.render(pathway, course: course.id).utf8))
        environment.progress?.modules(pathway.chosenOption.modules.count, course: course.id)
        return pathway
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
