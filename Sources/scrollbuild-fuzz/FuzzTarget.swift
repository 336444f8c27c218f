import Catalog
import Diagnostics
import Foundation
import LLM
import Markup
import OfflineAuthor

/// The readers that take bytes nobody here wrote, each as one fuzz target: it must
/// return (with values or with diagnostics) for every input, within the limits.
enum FuzzTarget: String, CaseIterable {
    case catalogJSON = "catalog-json"
    case catalogYAML = "catalog-yaml"
    case pathway
    case settings
    case answer
    case document

    /// Runs the reader on `bytes` as the build would meet them.
    func run(_ bytes: Data) {
        switch self {
        case .catalogJSON: FuzzTarget.course(bytes, file: "catalog/fuzz.json")
        case .catalogYAML: FuzzTarget.course(bytes, file: "catalog/fuzz.md")
        case .pathway:
            guard let text = try? SourceText.decode(bytes) else { return }
            let (_, diagnostics) = PathwayFile.read(text, file: "content/fuzz.pathway.yml", documents: ["a.md", "b.md"])
            FuzzTarget.render(diagnostics, text)
        case .settings:
            guard let text = try? SourceText.decode(bytes) else { return }
            let (_, diagnostics) = ProjectSettings.read(text, file: "scrollbuild.yml")
            FuzzTarget.render(diagnostics, text)
        case .answer:
            let content = String(decoding: bytes, as: UTF8.self)
            if case .success(let value) = CallScheduler.check(content, against: FuzzTarget.moduleSchema) {
                _ = QuoteCheck.problems(value, sources: ["docs/a.md": "Some words a source holds."])
                _ = value.canonical
            }
        case .document:
            // The first byte picks the format, the rest is the document.
            guard let first = bytes.first else { return }
            let formats: [DocumentFormat] = [.markdown, .restructuredText, .html, .notebook]
            let format = formats[Int(first) % formats.count]
            guard let text = try? DocumentText.convert(bytes.dropFirst(), format: format) else { return }
            let page = MarkdownDocument(text.markdown)
            _ = page.html()  // with its code highlighted
            _ = SearchText(text.markdown, words: 30)
            _ = MarkupLeak.scan(page.proseText())
            _ = page.codeBlocks()
        }
    }

    private static func course(_ bytes: Data, file: String) {
        guard let text = try? SourceText.decode(bytes) else { return }
        let (_, entry) = CourseReader.read(text, file: file)
        render(entry.diagnostics, text)
    }

    /// Diagnostics are printed with their source line: that is part of reading.
    private static func render(_ diagnostics: [Diagnostic], _ text: String) {
        let lines = SourceLines(text)
        for diagnostic in diagnostics.prefix(50) { _ = diagnostic.rendered(in: lines) }
    }

    /// The generate step's schema, read once from the project's schemas/ folder.
    nonisolated(unsafe) static var moduleSchema: JSONSchema = {
        let path = ProcessInfo.processInfo.environment["SCROLLBUILD_FUZZ_SCHEMA"] ?? "schemas/generate-module.json"
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONValue(parsing: data) else {
            fatalError("cannot read the schema \(path); run from the repository root")
        }
        return JSONSchema(value)
    }()

    /// The target named by SCROLLBUILD_FUZZ_TARGET.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["SCROLLBUILD_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set SCROLLBUILD_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()
}
