import Foundation

/// Any OpenAI-compatible chat-completions endpoint: OpenAI, Gemini's compatible endpoint,
/// Ollama, vLLM, llama.cpp's server, OpenRouter. `POST {base_url}/chat/completions`.
public struct OpenAIProvider: ChatProvider {
    let transport: any HTTPTransport
    let now: @Sendable () -> Date

    public init(transport: any HTTPTransport, now: @escaping @Sendable () -> Date = Date.init) {
        self.transport = transport
        self.now = now
    }

    public func complete(_ request: LLMRequest, messages: [ChatMessage], key: String?) async throws -> ProviderReply {
        let http = HTTPRequest(method: "POST", url: OpenAIProvider.url(request.choice.baseURL, "chat/completions"),
                               headers: OpenAIProvider.headers(key: key),
                               body: request.body(messages: messages).canonical,
                               connectTimeout: request.policy.connectTimeout, totalTimeout: request.policy.totalTimeout,
                               maxResponseBytes: OpenAIProvider.bodyLimit(answerLimit: request.policy.maxAnswerBytes))
        let response: HTTPResponse
        do {
            response = try await transport.send(http)
        } catch HTTPFailure.timeout(let what) {
            throw ProviderError.timeout(what)
        } catch HTTPFailure.connection(let what) {
            throw ProviderError.connection(what)
        } catch HTTPFailure.tooLarge {
            throw ProviderError.tooLarge(limit: request.policy.maxAnswerBytes)
        }
        try OpenAIProvider.check(response, now: now())
        return try OpenAIProvider.reply(from: response)
    }

    /// The most bytes of a reply taken off the wire for an answer of at most `answerLimit`:
    /// JSON escaping may double the content, and the envelope adds a little.
    static func bodyLimit(answerLimit: Int) -> Int {
        let (doubled, overflow) = answerLimit.multipliedReportingOverflow(by: 2)
        return overflow ? Int.max : doubled + 65_536
    }

    static func url(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + path
    }

    static func headers(key: String?) -> [(String, String)] {
        var headers = [("Content-Type", "application/json")]
        if let key, !key.isEmpty { headers.append(("Authorization", "Bearer " + key)) }
        return headers
    }

    /// Throws the `ProviderError` for a response that is not a success.
    static func check(_ response: HTTPResponse, now: Date) throws {
        let after = RateLimitHeaders.retryAfter(headers: response.headers, now: now)
        switch response.status {
        case 200..<300: return
        case 429: throw ProviderError.rateLimited(retryAfter: after, limits: RateLimitHeaders(headers: response.headers))
        case 408: throw ProviderError.timeout("HTTP 408")
        case 500...: throw ProviderError.server(status: response.status, retryAfter: after)
        default: throw ProviderError.refused(status: response.status, message: errorMessage(response.body))
        }
    }

    /// The `error.message` of an error body, else its first 200 characters.
    static func errorMessage(_ body: Data) -> String {
        if let message = (try? JSONValue(parsing: body))?["error"]?["message"]?.string { return message }
        return String(String(decoding: body, as: UTF8.self).prefix(200))
    }

    static func reply(from response: HTTPResponse) throws -> ProviderReply {
        let envelope: JSONValue
        do { envelope = try JSONValue(parsing: response.body) } catch {
            throw ProviderError.malformed("\(error)")
        }
        guard let message = envelope["choices"]?.array?.first?["message"] else {
            throw ProviderError.malformed("no choices[0].message")
        }
        let content = message["content"]?.string ?? message["refusal"]?.string.map { "refused: " + $0 } ?? ""
        return ProviderReply(content: content,
                             tokensIn: envelope["usage"]?["prompt_tokens"]?.int ?? 0,
                             tokensOut: envelope["usage"]?["completion_tokens"]?.int ?? 0,
                             limits: RateLimitHeaders(headers: response.headers))
    }
}
