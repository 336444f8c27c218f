import Effects
import Foundation
import LLM

/// `check --external`: every http(s) link of the checked site, asked for politely: a HEAD
/// request (a GET when a server refuses HEAD), one host at a time per host with a pause
/// between its requests, a few hosts at once, and each answer kept for a day in
/// `build/.scrollbuild/links.json` so that the next check asks again only about new or
/// stale links.
struct ExternalLinks {
    let transport: any HTTPTransport
    let cachePath: String
    let fileSystem: any FileSystem
    let now: Date
    var pause: Duration = .milliseconds(500)
    var maxAge: TimeInterval = 24 * 3600

    /// A link's last answer: the HTTP status (0: no answer) and when.
    struct Answer: Codable, Equatable {
        var status: Int
        var reason: String
        var checked: Double
    }

    /// Links found in the site's pages: URL → the pages that have it. The 404 page is left
    /// out: its links are the site's own, at its published address.
    static func links(inSite site: String) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        for page in try FileManager.default.subpathsOfDirectory(atPath: site).sorted()
        where page.hasSuffix(".html") && page != "404.html" {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            for part in html.components(separatedBy: " href=\"").dropFirst() {
                let url = String(part.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else { continue }
                if found[url]?.last != page { found[url, default: []].append(page) }
            }
        }
        return found
    }

    /// The broken ones, as warnings naming a page that has each.
    func check(_ links: [String: [String]]) async throws -> [String] {
        var cache = (try? fileSystem.read(cachePath)).flatMap { try? JSONDecoder().decode([String: Answer].self, from: $0) } ?? [:]
        let stale = links.keys.filter { url in cache[url].map { now.timeIntervalSince1970 - $0.checked > maxAge } ?? true }
        let byHost = Dictionary(grouping: stale.sorted()) { URL(string: $0)?.host ?? $0 }
        let answers = await withTaskGroup(of: [(String, Answer)].self) { group in
            var results: [(String, Answer)] = []
            var hosts = byHost.values.makeIterator()
            func next() -> Bool {
                guard let urls = hosts.next() else { return false }
                group.addTask { await ask(urls) }
                return true
            }
            for _ in 0..<4 where next() {}
            while let done = await group.next() {
                results += done
                _ = next()
            }
            return results
        }
        for (url, answer) in answers { cache[url] = answer }
        if !answers.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            _ = try fileSystem.write(cachePath, try encoder.encode(cache), durable: false)
        }
        return links.keys.sorted().compactMap { url in
            guard let answer = cache[url], answer.status == 0 || answer.status >= 400 else { return nil }
            return "\(links[url]!.first!): link \(url) is broken (\(answer.reason))"
        }
    }

    /// One host's links, one after another.
    private func ask(_ urls: [String]) async -> [(String, Answer)] {
        var answers: [(String, Answer)] = []
        for (n, url) in urls.enumerated() {
            if n > 0 { try? await Task.sleep(for: pause) }
            answers.append((url, await ask(url)))
        }
        return answers
    }

    private func ask(_ url: String) async -> Answer {
        let stamp = now.timeIntervalSince1970
        do {
            var response = try await transport.send(HTTPRequest(method: "HEAD", url: url, totalTimeout: .seconds(15)))
            if [405, 501].contains(response.status) {  // HEAD refused: ask for the page itself
                response = try await transport.send(HTTPRequest(method: "GET", url: url, totalTimeout: .seconds(15),
                                                                maxResponseBytes: 1_000_000))
            }
            return Answer(status: response.status, reason: "HTTP \(response.status)", checked: stamp)
        } catch HTTPFailure.tooLarge {
            return Answer(status: 200, reason: "HTTP 200", checked: stamp)
        } catch {
            return Answer(status: 0, reason: "\(error)", checked: stamp)
        }
    }
}
