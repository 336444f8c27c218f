import LLM

/// The default provider: answers each course step from its typed request with classical
/// text methods, with no network and no model. The same request always gives the same
/// answer. The LLM layer knows it only as a `ChatProvider`.
public struct OfflineAuthor: ChatProvider {
    /// Bumped whenever an answer for the same request would change; part of the request hash.
    public static let version = 15  // 5 to 15: modules curate their sources' sections; questions carry quotes

    public init() {}

    public func complete(_ request: LLMRequest, messages: [ChatMessage], key: String?) async throws -> ProviderReply {
        let answer: JSONValue
        do {
            switch request.step {
            case ModuleRequest.step: answer = ModuleWriter(try request.inputs.decode(ModuleRequest.self)).module()
            case GradingRequest.step: answer = ModuleGrader(try request.inputs.decode(GradingRequest.self)).evaluation()
            case AnalysisRequest.step: answer = DocumentAnalyst(try request.inputs.decode(AnalysisRequest.self)).analysis()
            case PlanningRequest.step: answer = PathwayPlanner(try request.inputs.decode(PlanningRequest.self)).plan()
            case BookPartsRequest.step: answer = BookPartsWriter(try request.inputs.decode(BookPartsRequest.self)).parts()
            default:
                throw ProviderError.refused(status: 0, message: "the offline provider has no method for step '\(request.step)'; "
                                            + "set a provider for it in scrollbuild.yml")
            }
        } catch let error as DecodingError {
            throw ProviderError.refused(status: 0, message: "the offline provider cannot read the '\(request.step)' request: \(error)")
        }
        return ProviderReply(content: answer.canonicalText, tokensIn: 0, tokensOut: 0)
    }
}

/// `list` as prose: "a, b and c".
func prose(_ list: [String]) -> String {
    switch list.count {
    case 0: ""
    case 1: list[0]
    default: list.dropLast().joined(separator: ", ") + " and " + list.last!
    }
}
