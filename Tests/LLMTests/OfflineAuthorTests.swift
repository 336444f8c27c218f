import Foundation
import LLM
import OfflineAuthor
import Testing

@Suite struct OfflineAuthorTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas")

    static func schema(_ step: String) throws -> JSONSchema {
        JSONSchema(try JSONValue(parsing: Data(contentsOf: schemas.appendingPathComponent(step + ".json"))))
    }

    static let notes = """
        A build cache stores the outputs of earlier builds. A content hash is a fingerprint of a file's bytes: \
        two files with the same bytes have the same hash. For example, ninja compares timestamps, while Bazel \
        compares content hashes. Early cutoff means that a task whose output did not change stops the rebuild \
        there. A build cache keyed by content hashes survives a fresh clone, because timestamps change and bytes \
        do not. Remote caches share outputs between machines, so a team builds each output once.
        """

    static func ask(_ step: String, _ typed: some Encodable) async throws -> JSONValue {
        let request = LLMRequest(step: step, stepVersion: 1, task: "t", course: "c",
                                 choice: ModelChoice(provider: .offline, baseURL: "", model: "offline"),
                                 messages: [], schema: try schema(step), inputs: try JSONValue(encoding: typed))
        return try JSONValue(parsing: try await OfflineAuthor().complete(request, messages: [], key: nil).content)
    }

    @Test func aModuleFitsItsSchemaDrawsOnTheNotesAndIsTheSameEachTime() async throws {
        let inputs = ModuleRequest(courseTitle: "", courseDescription: "", level: "beginner", audience: "",
                                   title: "Caching builds", summary: "Why a cache keyed by content beats timestamps.",
                                   lectures: ["Content hashes", "Early cutoff"], source: Self.notes, documents: [],
                                   houseSections: [], themes: [])
        let module = try await Self.ask("generate-module", inputs)
        #expect(try Self.schema("generate-module").violations(of: module).isEmpty)
        #expect(module["sections"]?.array?.map { $0["heading"] } == ["Content hashes", "Early cutoff"])
        #expect(module["sections"]?.array?[1]["body"]?.string?.contains("Early cutoff means") == true)
        #expect(module["key_terms"]?.array?.contains { $0["term"] == "content hash" || $0["term"] == "A content hash" || $0["term"] == "Content hash" } == true)
        #expect(module["worked_example"] == nil, "the notes hold no procedure to work through: no example is made up")
        let questions = module["questions"]?.array ?? []
        // Two defined terms to blank; no sentence is asked about twice.
        #expect(questions.count >= 2)
        let quotes = questions.compactMap { $0["quote"]?["text"]?.string }
        #expect(Set(quotes).count == quotes.count, "\(quotes)")
        for question in questions where question["kind"] == "multiple_choice" {
            let choices = question["choices"]?.array ?? []
            #expect(choices.contains(question["answer"]!))
            #expect(Set(choices).count == choices.count)
        }
        #expect(try await Self.ask("generate-module", inputs) == module)

        let evaluation = try await Self.ask("evaluate-module", GradingRequest(
            level: "beginner", module: module, objectives: ["Content hashes", "Early cutoff"], summary: "", source: Self.notes,
            houseSections: [], themes: []))
        #expect(try Self.schema("evaluate-module").violations(of: evaluation).isEmpty)
        #expect((evaluation["score"]?.number ?? 0) > 0.5)
        #expect(evaluation["criteria"]?.array?.count == 4)
    }

    /// A repository module: its document's sections with their code, and questions of
    /// every kind the document allows, each quoting it.
    @Test func aModuleCuratesItsDocumentAndAsksAboutItsCode() async throws {
        let sections = [
            ModuleRequest.Section(heading: "Install", level: 2, anchor: "install", markdown: """
                Install the package with pip before you write any code:

                ```console
                $ python -m pip install requests
                ```
                """),
            ModuleRequest.Section(heading: "First request", level: 2, anchor: "first-request", markdown: """
                Send a request and print the status code of the response:

                ```python
                r = requests.get("https://example.org")
                print(r.status_code)
                ```

                This prints:

                ```text
                200
                ```

                To finish a session you follow these steps:

                1. Open the session.
                2. Send the requests.
                3. Close the session.
                """),
        ]
        let document = ModuleRequest.Document(number: 1, path: "docs/quickstart.md", title: "Quickstart", text: "",
                                              opening: "This guide gets you from nothing to a first request in five minutes.",
                                              sections: sections)
        let inputs = ModuleRequest(courseTitle: "Requests", courseDescription: "", level: "beginner", audience: "", title: "Quickstart",
                                   summary: "", lectures: [], source: "", documents: [document], houseSections: [], themes: [])
        let module = try await Self.ask("generate-module", inputs)
        #expect(try Self.schema("generate-module").violations(of: module).isEmpty)
        #expect(module["introduction"]?.string == "This guide gets you from nothing to a first request in five minutes.")
        #expect(module["sections"]?.array?.map { $0["heading"] } == ["Install", "First request"])
        #expect(module["sections"]?.array?[1]["body"]?.string?.contains("print(r.status_code)") == true)
        let kinds = Set((module["questions"]?.array ?? []).compactMap { $0["kind"]?.string })
        #expect(kinds.isSuperset(of: ["predict_output", "order_steps"]), "\(kinds)")
        let predict = module["questions"]?.array?.first { $0["kind"] == "predict_output" }
        #expect(predict?["answer"] == "200" && predict?["prompt"]?.string?.contains("print(r.status_code)") == true)
        let sources = ["docs/quickstart.md": ([document.opening] + sections.map(\.markdown)).joined(separator: "\n\n")]
        #expect(QuoteCheck.problems(module, sources: sources).isEmpty)
    }

    @Test func aDocumentAnalysisFitsItsSchema() async throws {
        let analysis = try await Self.ask("analyse-document", AnalysisRequest(
            title: "", text: "# Caching\n\n" + Self.notes, words: 90, level: "beginner", audience: ""))
        #expect(try Self.schema("analyse-document").violations(of: analysis).isEmpty)
        #expect(analysis["title"] == "Caching")
        let concepts = analysis["key_concepts"]?.array?.compactMap(\.string) ?? []
        #expect(concepts.contains { $0.contains("content hash") }, "\(concepts)")
    }

    /// Module titles say what the module teaches: never the folder its documents share
    /// (the mdBook guide's `cli/` gave two modules titled "Cli"), never the same twice.
    @Test func plannedModuleTitlesAreNeverFolderNamesAndNeverRepeat() async throws {
        // Twelve small documents in `cli/`, twice over in title: more than one module each.
        let documents = (1...24).map { n in
            PlanningRequest.Document(number: n, path: "cli/command-\(n).md", title: n <= 12 ? "Commands" : "Command \(n)",
                                     type: "guide", complexity: "introductory", summary: "", concepts: "",
                                     objectives: [], words: 400)
        }
        let request = PlanningRequest(courseTitle: "Tool", courseDescription: "", level: "beginner", audience: "",
                                      overview: "", documents: documents + [
                                          PlanningRequest.Document(number: 25, path: "intro.md", title: "Introduction",
                                                                   type: "concept", complexity: "introductory", summary: "",
                                                                   concepts: "", objectives: [], words: 400)])
        let plan = try await Self.ask(PlanningRequest.step, request)
        let options = plan["options"]?.array ?? []
        #expect(options.count == 2)
        for option in options {
            let titles = (option["modules"]?.array ?? []).compactMap { $0["title"]?.string }
            #expect(titles.count > 2)
            #expect(Set(titles).count == titles.count, "\(titles)")
            #expect(!titles.contains { $0.lowercased() == "cli" }, "\(titles)")
        }
    }
}
