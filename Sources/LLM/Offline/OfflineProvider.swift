/// The default provider: answers each step's schema from the request's own inputs with
/// classical text methods, with no network and no model. The same inputs always give
/// the same answer.
public struct OfflineProvider: ChatProvider {
    /// Bumped whenever an answer for the same inputs would change; part of the request hash.
    public static let version = 3

    public init() {}

    public func complete(_ request: LLMRequest, messages: [ChatMessage], key: String?) async throws -> ProviderReply {
        let answer: JSONValue
        switch request.step {
        case "generate-module": answer = ModuleWriter(request.inputs).module()
        case "evaluate-module": answer = ModuleGrader(request.inputs).evaluation()
        case "analyse-document": answer = DocumentAnalyst(request.inputs).analysis()
        case "plan-pathways": answer = PathwayPlanner(request.inputs).plan()
        default:
            throw ProviderError.refused(status: 0, message: "the offline provider has no method for step '\(request.step)'; "
                                        + "set a provider for it in scrollbuild.yml")
        }
        return ProviderReply(content: answer.canonicalText, tokensIn: 0, tokensOut: 0)
    }
}

/// A string input, or "".
func text(_ inputs: JSONValue, _ name: String) -> String { inputs[name]?.string ?? "" }

/// A list-of-strings input, or [].
func texts(_ inputs: JSONValue, _ name: String) -> [String] { inputs[name]?.array?.compactMap(\.string) ?? [] }

/// `list` as prose: "a, b and c".
func prose(_ list: [String]) -> String {
    switch list.count {
    case 0: ""
    case 1: list[0]
    default: list.dropLast().joined(separator: ", ") + " and " + list.last!
    }
}
