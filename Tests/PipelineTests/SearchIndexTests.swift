import Foundation
import Testing

/// `search-index.js`, written as it goes (not as a tree of values first): a JSON array a
/// browser runs as a script, every page of every built course, and no text in it can end
/// the script.
@Suite struct SearchIndexTests {
    @Test func theIndexListsEveryPageAndNoTextEndsTheScript() async throws {
        let f = try PipelineFixture()
        try f.edit("content/guide/01-start.md", replacing: "The first chapter.",
                   with: "The first chapter: \"quoted\", a back\\slash, a tab\there and </script><b>.")
        #expect(try await f.build().tasksFailed == 0)
        let script = try #require(f.text("build/site/search-index.js"))
        let prefix = "window.SCROLLBUILD_SEARCH = ", suffix = ";\n"
        #expect(script.hasPrefix(prefix) && script.hasSuffix(suffix))
        #expect(!script.contains("</"), "a text can end the script")
        let json = String(script.dropFirst(prefix.count).dropLast(suffix.count))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let urls = entries.compactMap { $0["u"] as? String }
        #expect(urls.contains("guide/01-start.html") && urls.contains("guide/02-next.html") && urls.contains("outline/index.html"))
        let start = try #require(entries.first { $0["u"] as? String == "guide/01-start.html" })
        #expect(Set(start.keys) == ["c", "h", "t", "u", "x"])
        #expect((start["x"] as? String)?.contains("\"quoted\", a back\\slash, a tab here and </script><b>.") == true,
                "\(start["x"] ?? "")")
        #expect(start["c"] as? String == "A Guide" && start["t"] as? String == "Start")
        // Keys in sorted order, as every value the build compares byte for byte.
        #expect(json.hasPrefix("[{\"c\":\"") && json.contains("\",\"h\":[") && json.contains("],\"t\":\""))
    }
}
