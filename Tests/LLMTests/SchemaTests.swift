import Foundation
import LLM
import Testing

@Suite struct SchemaTests {
    static let schema = JSONSchema([
        "type": "object",
        "properties": [
            "title": ["type": "string", "minLength": 2, "maxLength": 5],
            "kind": ["type": "string", "enum": ["a", "b"]],
            "score": ["type": "number", "minimum": 0, "maximum": 1],
            "count": ["type": "integer"],
            "tags": ["type": "array", "minItems": 1, "maxItems": 2, "items": ["type": "string"]],
            "note": ["type": "string"],
        ],
        "required": ["title", "kind", "score", "tags"],
        "additionalProperties": false,
    ])

    @Test func aFittingValueHasNoViolations() throws {
        let value = try JSONValue(parsing: #"{"title":"abc","kind":"a","score":0.5,"count":3,"tags":["x"]}"#)
        #expect(Self.schema.violations(of: value).isEmpty)
    }

    @Test func eachKeywordIsEnforcedWithThePath() throws {
        let value = try JSONValue(parsing: #"{"title":"a","kind":"c","score":1.5,"count":2.5,"tags":[1,"y","z"],"extra":true}"#)
        let messages = Self.schema.violations(of: value).map(\.description)
        #expect(messages == [
            "$.count: expected integer, found number",
            "$: unexpected property 'extra'",
            "$.kind: \"c\" is not one of \"a\", \"b\"",
            "$.score: 1.5 is more than the maximum 1",
            "$.tags: has 3 items, more than the maximum 2",
            "$.tags[0]: expected string, found integer",
            "$.title: is 1 characters long, shorter than the minimum 2",
        ])
        #expect(Self.schema.violations(of: ["title": "ab"]).map(\.description).contains("$: missing required property 'kind'"))
    }

    @Test func theStrictFormRequiresEverythingAndDropsWhatStrictModeRejects() {
        let strict = Self.schema.strictForm
        #expect(strict["required"] == ["count", "kind", "note", "score", "tags", "title"])
        #expect(strict["additionalProperties"] == false)
        #expect(strict["properties"]?["note"]?["type"] == ["string", "null"])
        #expect(strict["properties"]?["title"]?["minLength"] == nil)
        #expect(strict["properties"]?["tags"]?["maxItems"] == nil)
        // A strict answer's nulls for optional fields are removed before the full check.
        let answer: JSONValue = ["title": "abc", "kind": "b", "score": 1, "count": .null, "note": .null, "tags": ["t"]]
        #expect(Self.schema.violations(of: Self.schema.withoutNullOptionals(answer)).isEmpty)
    }

    @Test func theShippedSchemasParseAndTheirStrictFormsAreClosed() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        // course.json describes the build's course data, not a step's answer: it is checked
        // against the sample's files (SampleSiteTests.theCourseDataFitsItsSchema).
        #expect(names == ["analyse-document.json", "book-parts.json", "course.json", "detect-prerequisites.json",
                          "evaluate-module.json", "generate-module.json", "plan-pathways.json"])
        for name in names {
            let schema = JSONSchema(try JSONValue(parsing: Data(contentsOf: folder.appendingPathComponent(name))))
            #expect(schema.strictForm["additionalProperties"] == false, "\(name)")
            #expect(!schema.strictForm.canonicalText.contains("minLength"), "\(name)")
        }
    }

    @Test func canonicalJSONSortsKeysAndPrintsIntegersPlainly() throws {
        let value = try JSONValue(parsing: #"{"b": [1.0, 2.5, "x\n\"y\""], "a": {"z": null, "y": true}}"#)
        #expect(value.canonicalText == #"{"a":{"y":true,"z":null},"b":[1,2.5,"x\n\"y\""]}"#)
    }

    @Test func malformedJSONSaysWhere() {
        #expect(throws: (any Error).self) { try JSONValue(parsing: #"{"a": 1,"#) }
        let error = #expect(throws: (any Error).self) { try JSONValue(parsing: "{\"a\" 1}") }
        #expect(error.map { "\($0)" } == "invalid JSON at byte 5: expected ':' after a key")
    }

    /// One strict parser: numbers as the grammar says, repeated keys and deep nesting refused.
    @Test func answersAreParsedStrictly() throws {
        for bad in ["+1", ".5", "01", "1.", "1e", "-", "[1,]", "{\"a\": 1,}"] {
            #expect(throws: (any Error).self, "\(bad)") { try JSONValue(parsing: bad) }
        }
        for good in ["0", "-0.5", "1e9", "2.5E-3", "[]", "{}"] {
            #expect(throws: Never.self, "\(good)") { try JSONValue(parsing: good) }
        }
        let twice = #expect(throws: (any Error).self) { try JSONValue(parsing: #"{"a": 1, "a": 2}"#) }
        #expect(twice.map { "\($0)" } == "invalid JSON at byte 9: the key 'a' is given twice in one object")
        let deep = #expect(throws: (any Error).self) {
            try JSONValue(parsing: String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000))
        }
        #expect(deep.map { "\($0)" } == "invalid JSON at byte 128: nested more than 128 deep")
    }
}
