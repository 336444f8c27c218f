import Foundation
import LLM
import OfflineAuthor
import Testing

/// Issue 14: the offline provider's textbook parts fit the `book-parts` schema, take an
/// exercise only from a code example a sentence introduces (never from output, a table or
/// code in a line of prose), grade essays on their own section's terms, and say what they
/// leave out.
@Suite struct BookPartsWriterTests {
    static func request(sections: [BookPartsRequest.Section]) -> BookPartsRequest {
        BookPartsRequest(courseTitle: "Build systems", level: "beginner", audience: "", title: "Hashes",
                         objectives: ["Content hashes", "Explain early cutoff"], introduction: "Why hashes beat timestamps.",
                         sections: sections,
                         keyTerms: [.init(term: "content hash", definition: "A fingerprint of a file's bytes."),
                                    .init(term: "early cutoff", definition: "Stopping a rebuild where an output is unchanged.")],
                         summary: "Hashes survive a fresh clone.", links: [], houseSections: [], themes: ["accessibility"])
    }

    @Test func exercisesComeOnlyFromIntroducedCodeAndEssaysUseTheirSectionsTerms() async throws {
        let sections: [BookPartsRequest.Section] = [
            .init(heading: "Content hashes", body: """
                A content hash names bytes. Write the hash of a file with this command:

                ```sh
                sha256sum chapter.md
                ```

                It prints:

                ```text
                9f86d08…  chapter.md
                ```

                The ``` ``Symbol`` ``` markup and a table follow:

                | a | b |
                |---|---|
                """),
            .init(heading: "Explain early cutoff", body: "Early cutoff stops a rebuild. No code here."),
        ]
        let parts = try await OfflineAuthorTests.ask("book-parts", Self.request(sections: sections))
        #expect(try OfflineAuthorTests.schema("book-parts").violations(of: parts).isEmpty)
        let exercises = parts["exercises"]?.array ?? []
        #expect(exercises.count == 1, "\(exercises)")
        #expect(exercises.first?["solution"]?.string == "```sh\nsha256sum chapter.md\n```")
        #expect(exercises.first?["task"]?.string?.contains("Write the hash of a file with this command:") == true)

        let prompts = parts["essay_prompts"]?.array ?? []
        #expect(prompts.count == 2)
        let firstRubric = prompts.first?["rubric"]?.array?.compactMap(\.string) ?? []
        #expect(firstRubric.contains("Uses the term \u{201C}content hash\u{201D} correctly."))
        #expect(!firstRubric.contains { $0.contains("early cutoff") }, "\(firstRubric)")
        #expect(firstRubric.contains("Connects the answer to accessibility."))
        #expect(prompts.last?["prompt"]?.string?.hasPrefix("In about 300 words: Explain early cutoff,") == true)
        #expect(parts["study_guide"]?.array?.compactMap(\.string).contains("Be able to explain early cutoff.") == true)
        #expect(parts["lecture_notes"]?.string == "")
        #expect(parts["discussion_questions"]?.array?.isEmpty == true)
        let omitted = parts["omitted"]?.array?.compactMap(\.string) ?? []
        #expect(omitted.contains { $0.hasPrefix("Lecture notes") } && omitted.contains { $0.hasPrefix("Discussion questions") })
        #expect(!omitted.contains { $0.hasPrefix("Exercises") })
        let resources = parts["further_resources"]?.array ?? []
        #expect(resources.last?["url"]?.string?.hasPrefix("https://www.youtube.com/results?search_query=content%20hash") == true)
        #expect(try await OfflineAuthorTests.ask("book-parts", Self.request(sections: sections)) == parts)
    }

    @Test func aChapterWithoutCodeSaysItHasNoExercises() async throws {
        let parts = try await OfflineAuthorTests.ask("book-parts", Self.request(sections: [
            .init(heading: "Content hashes", body: "A content hash names bytes. It prints:\n\n```text\nabc\n```\n"),
        ]))
        #expect(parts["exercises"]?.array?.isEmpty == true)
        #expect(parts["omitted"]?.array?.compactMap(\.string).contains { $0.hasPrefix("Exercises:") } == true)
    }
}
