import Foundation
import Testing

/// A real git repository of documentation, made by a test with the git command line, for
/// a repository course to clone (by local path, as libgit2 reads any remote).
struct DocsRepository {
    let root: URL

    /// An empty repository on branch `main`, in a fresh temporary folder.
    static func make() throws -> DocsRepository {
        let project = try TestProject.empty()
        let repository = DocsRepository(root: project.root.appendingPathComponent("docs-repo"))
        try FileManager.default.createDirectory(at: repository.root, withIntermediateDirectories: true)
        try repository.git(["init", "-q", "-b", "main"])
        return repository
    }

    /// Field notes on plants: one document of every readable kind over two commits, and
    /// a symlink that points out of the repository at a secret file.
    static func fieldNotes() throws -> DocsRepository {
        let repository = try make()
        try repository.write("README.md", "# Field notes\n\nA small handbook about plants and the light they live on.\n")
        try repository.write("docs/intro.md", """
            # Plants and light

            Plants make their own food from light. The leaf is the place where this work happens.
            A leaf holds many small cells, and each cell holds green bodies called chloroplasts.
            """)
        try repository.write("docs/guide/setup.rst", """
            Setting up a light lab
            ======================

            A light lab needs a lamp, a plant and a notebook. Put the lamp one metre from the plant.
            Record the height of the plant every morning for two weeks.
            """)
        try repository.commit("Start the field notes")
        try repository.write("docs/leaves.html", """
            <html><head><title>How leaves breathe</title><script>var hidden = "SCRIPT-TEXT";</script></head>
            <body><h1>How leaves breathe</h1><p>Leaves take in carbon dioxide through small pores called stomata.
            The pores close when the air is dry. Water leaves the plant through the same pores.</p></body></html>
            """)
        try repository.write("docs/notes.txt", "Watering notes\n\nWater the plant in the morning. A dry plant grows slowly. "
                             + "Too much water rots the roots.\n")
        try repository.write("docs/lab.ipynb", DocsRepository.notebook)
        try repository.write(data: DocsRepository.pdf(lines: ["Photosynthesis in brief",
                                                              "Chlorophyll absorbs red and blue light.",
                                                              "The plant stores the energy as sugar."]), to: "docs/paper.pdf")
        try Data("TOP-SECRET text that must never reach the site.\n".utf8)
            .write(to: repository.root.deletingLastPathComponent().appendingPathComponent("secret.md"))
        try FileManager.default.createSymbolicLink(atPath: repository.root.appendingPathComponent("docs/outside.md").path,
                                                   withDestinationPath: "../../secret.md")
        try repository.commit("Add leaves, watering, the lab notebook, the paper and a link")
        return repository
    }

    /// A project whose one course is built from this repository.
    func project(id: String = "field-notes", folders: String = "[docs]", ref: String = "main", url: String? = nil) throws -> TestProject {
        let project = try TestProject.empty().withTheme()
        try project.write("scrollbuild.yml", "site:\n  title: Notes\n")
        try project.write("catalog/\(id).md", """
            ---
            id: \(id)
            title: Field notes
            level: beginner
            audience: gardeners
            source:
              kind: repo
              url: \(url ?? root.path)
              ref: \(ref)
              folders: \(folders)
              overview: README.md
            ---
            A course about plants, built from a repository of notes.
            """)
        return project
    }

    func write(_ path: String, _ text: String) throws {
        try write(data: Data(text.utf8), to: path)
    }

    func write(data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Commits everything; returns the new commit's id.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
        return try head()
    }

    func head() throws -> String {
        try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository; its output, or a test failure with its errors.
    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        let command = RunningCommand(executable: "/usr/bin/git", arguments: arguments, directory: root)
        let outcome = try command.wait()
        guard outcome.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")): \(outcome.stderr)") }
        return outcome.stdout
    }

    static let notebook = """
        {"cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Notebook lab\\n", "\\n", "We measure how fast a plant grows under a lamp. The growth rate is the change in height per day.\\n"]},
          {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [], "source": ["heights = [3.0, 3.4, 3.9]\\n", "print(heights[-1] - heights[0])"]}
        ], "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
        """

    /// A one-page PDF whose text is `lines`, with a correct cross-reference table.
    static func pdf(lines: [String]) -> Data {
        let text = lines.enumerated().map { n, line in (n == 0 ? "" : "0 -18 Td ") + "(\(line)) Tj" }.joined(separator: " ")
        let stream = "BT /F1 12 Tf 72 720 Td \(text) ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (n, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(n + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }
}
