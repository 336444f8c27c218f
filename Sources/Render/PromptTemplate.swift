import Mustache

/// A step's prompt: Mustache text rendered with the step's inputs. Prompts use triple
/// braces (`{{{source}}}`), since nothing in a prompt is HTML.
public struct PromptTemplate: Sendable {
    let template: MustacheTemplate

    public init(_ text: String, name: String) throws {
        do { template = try MustacheTemplate(string: text) } catch {
            throw SiteTemplates.Failure(template: name, message: "does not parse: \(error)")
        }
    }

    public func render(_ context: Any) -> String { template.render(context) }
}
