import Foundation
import LLM
import Testing

/// The request hash covers everything that can change an answer, and nothing else.
@Suite struct RequestHashTests {
    static let schema = JSONSchema(["type": "object", "properties": ["a": ["type": "string"]], "required": ["a"]])

    static func request() -> LLMRequest {
        LLMRequest(step: "generate-module", stepVersion: 1, task: "generate:x/module-01", course: "x",
                   choice: ModelChoice(provider: .openai, baseURL: "http://127.0.0.1:1/v1", model: "m",
                                       temperature: 0.2, seed: 7, maxTokens: 100),
                   messages: [ChatMessage(role: "system", content: "s"), ChatMessage(role: "user", content: "u")],
                   schema: schema, inputs: ["source": "text"])
    }

    @Test func everyFieldThatCanChangeTheAnswerChangesTheHash() {
        let base = Self.request().hash
        let changes: [(String, (inout LLMRequest) -> Void)] = [
            ("base URL", { $0.choice.baseURL = "http://127.0.0.1:2/v1" }),
            ("model", { $0.choice.model = "m2" }),
            ("provider", { $0.choice.provider = .offline }),
            ("system message", { $0.messages[0].content = "s2" }),
            ("user message", { $0.messages[1].content = "u2" }),
            ("role", { $0.messages[1].role = "assistant" }),
            ("message order", { $0.messages.reverse() }),
            ("structured output", { $0.choice.structuredOutput = .jsonObject }),
            ("schema", { $0.schema = JSONSchema(["type": "object", "properties": ["b": ["type": "string"]]]) }),
            ("schema keyword only enforced locally", { $0.schema = JSONSchema(["type": "object", "properties": ["a": ["type": "string", "minLength": 3]], "required": ["a"]]) }),
            ("temperature", { $0.choice.temperature = 0.3 }),
            ("no temperature", { $0.choice.temperature = nil }),
            ("seed", { $0.choice.seed = 8 }),
            ("max tokens", { $0.choice.maxTokens = 101 }),
            ("step", { $0.step = "evaluate-module" }),
            ("step version", { $0.stepVersion = 2 }),
        ]
        var seen: Set<String> = [base.hex]
        for (name, change) in changes {
            var changed = Self.request()
            change(&changed)
            #expect(changed.hash != base, "changing the \(name) must change the request hash")
            seen.insert(changed.hash.hex)
        }
        #expect(seen.count == changes.count + 1)
    }

    @Test func whatCannotChangeTheAnswerLeavesTheHashAlone() {
        let base = Self.request().hash
        var other = Self.request()
        other.task = "another task"
        other.course = "another course"
        other.inputs = ["source": "other"]  // an online provider sees only the messages
        other.policy = CallPolicy(invalidRetries: 5, price: Price(input: 1, output: 2))
        #expect(other.hash == base)
    }

    @Test func offlineInputsArePartOfTheOfflineHash() {
        var a = Self.request()
        a.choice = ModelChoice(provider: .offline, baseURL: "", model: "offline")
        var b = a
        b.inputs = ["source": "other"]
        #expect(a.hash != b.hash)
    }

    @Test func theKeyIsNeverInTheBody() {
        let body = Self.request().body(messages: Self.request().messages).canonicalText
        #expect(!body.contains("Bearer"))
        #expect(body.contains("\"response_format\":{\"json_schema\":{\"name\":\"generate-module\",\"schema\":"))
    }
}
