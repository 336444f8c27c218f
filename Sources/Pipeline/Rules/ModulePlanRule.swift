import Catalog
import Engine
import Foundation

/// `moduleplan:<id>/<slug>` is one module's entry in the chosen option: editing another
/// module's entry (or another option) leaves this one, and its module, alone.
struct ModulePlanRule: TypedRule {
    let version = 2  // 2: typed value

    func compute(_ key: ModulePlanKey, in context: RuleContext) async throws -> Pathway.PlannedModule {
        let pathway = try await context.need(PathwayKey(course: key.course))
        guard let module = pathway.chosenOption.modules.first(where: { $0.id == key.slug }) else {
            throw PipelineError("the chosen pathway of course '\(key.course)' has no module '\(key.slug)'")
        }
        return module
    }
}
