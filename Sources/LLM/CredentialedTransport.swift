import Diagnostics
import Foundation

/// Puts credentials back into the URLs of one base URL. The build stores and compares
/// base URLs without their `user:password@` (see `URLCredentials.split`); only the
/// transport, at the moment of sending, sees them. Failures name the URL redacted.
public struct CredentialedTransport: HTTPTransport {
    let inner: any HTTPTransport
    /// The base URL without credentials, and the credentials.
    let base: String
    let userinfo: String

    /// `inner` itself when `baseURL` holds no credentials.
    public static func wrapping(_ inner: any HTTPTransport, baseURL: String?) -> any HTTPTransport {
        guard let baseURL, case let (base, userinfo?) = URLCredentials.split(baseURL) else { return inner }
        return CredentialedTransport(inner: inner, base: base, userinfo: userinfo)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.url.hasPrefix(base), let scheme = request.url.range(of: "://") else {
            return try await inner.send(request)
        }
        var credentialed = request
        credentialed.url.insert(contentsOf: userinfo + "@", at: scheme.upperBound)
        do {
            return try await inner.send(credentialed)
        } catch HTTPFailure.timeout(let what) {
            throw HTTPFailure.timeout(redact(what))
        } catch HTTPFailure.connection(let what) {
            throw HTTPFailure.connection(redact(what))
        }
    }

    /// `text` without these credentials, however the URL around them was cut.
    func redact(_ text: String) -> String {
        URLCredentials.redact(text.replacingOccurrences(of: userinfo, with: "[redacted]"))
    }
}
