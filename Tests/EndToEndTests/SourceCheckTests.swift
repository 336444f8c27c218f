import Foundation
import Testing

/// scripts/check-imports holds every target to its line in Package.swift.
@Suite struct LayeringTests {
    static let script = TestProject.packageRoot.appendingPathComponent("scripts/check-imports").path

    @Test func anImportTheManifestDoesNotListFailsTheCheck() throws {
        let fixture = TestProject.packageRoot.appendingPathComponent("Tests/Fixtures/layering")
        let outcome = try RunningCommand(executable: Self.script, arguments: [fixture.path], directory: fixture).wait()
        #expect(outcome.status == 1)
        #expect(outcome.stdout == """
            Sources/Top/Top.swift:2:18: error: target 'Top' imports 'Low', which its dependencies in Package.swift \
            do not list; add it to that target's line or remove the import

            """)
    }

    @Test func thisPackageImportsOnlyWhatItsManifestLists() throws {
        let outcome = try RunningCommand(executable: Self.script, arguments: [TestProject.packageRoot.path],
                                         directory: TestProject.packageRoot).wait()
        #expect(outcome.stdout == "")
        #expect(outcome.status == 0)
    }
}

/// scripts/check-key-parsing: key strings are taken apart by the key types only.
@Suite struct KeyParsingTests {
    static let script = TestProject.packageRoot.appendingPathComponent("scripts/check-key-parsing").path

    @Test func splittingAKeyOutsideTheKeyTypesIsFound() throws {
        let root = TestProject.packageRoot
        let outcome = try RunningCommand(executable: Self.script, arguments: ["Tests/Fixtures/key-parsing"], directory: root).wait()
        #expect(outcome.status == 1)
        #expect(outcome.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) } == [
            "Tests/Fixtures/key-parsing/Parsing.swift:3:30:", "Tests/Fixtures/key-parsing/Parsing.swift:4:21:",
            "Tests/Fixtures/key-parsing/Parsing.swift:5:12:", "3",
        ])
    }

    @Test func pipelineAndCommandLineParseNoKeyStrings() throws {
        let outcome = try RunningCommand(executable: Self.script, arguments: [], directory: TestProject.packageRoot).wait()
        #expect(outcome.stdout == "0 matches\n")
        #expect(outcome.status == 0)
    }
}

/// scripts/embed-defaults: the built-in theme, prompts and schemas match the repository's files.
@Suite struct BuiltinFilesTests {
    static let script = TestProject.packageRoot.appendingPathComponent("scripts/embed-defaults").path

    @Test func theBuiltinFilesAreCurrentAndACheckOfStaleOnesFails() throws {
        let root = TestProject.packageRoot
        let current = try RunningCommand(executable: Self.script, arguments: ["--check"], directory: root).wait()
        #expect(current.status == 0, "\(current.stdout)")
        // A copy of the repository's parts with one prompt edited: the check names the file.
        let copy = try TestProject.empty()
        for item in ["scripts", "site-templates", "prompts", "schemas", "Sources/Pipeline"] {
            try FileManager.default.createDirectory(at: copy.root.appendingPathComponent(item).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent(item), to: copy.root.appendingPathComponent(item))
        }
        try copy.write("prompts/system.mustache", try copy.read("prompts/system.mustache") + "One more line.\n")
        let stale = try RunningCommand(executable: copy.path("scripts/embed-defaults"), arguments: ["--check"], directory: copy.root).wait()
        #expect(stale.status == 1 && stale.stdout.hasPrefix("Sources/Pipeline/BuiltinFiles.swift:1:1: error:"), "\(stale.stdout)")
    }
}
