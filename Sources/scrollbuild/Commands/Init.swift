import ArgumentParser
import Foundation
import Pipeline

/// `scrollbuild init [DIR]`: a new project that builds on its first try; `--eject` copies
/// the built-in theme, prompts or schemas into a project to edit them.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a project (settings, .gitignore and three example courses), or eject built-in files to edit.",
        discussion: "Refuses to overwrite an existing file. With --eject, copies site-templates/, prompts/ or schemas/ into the project.")

    enum Ejectable: String, ExpressibleByArgument, CaseIterable {
        case theme, prompts, schemas

        var folder: String {
            switch self {
            case .theme: "site-templates"
            case .prompts: "prompts"
            case .schemas: "schemas"
            }
        }
    }

    @Argument(help: "The folder to create the project in (default: the working folder).")
    var folder = "."

    @Option(help: "Copy the built-in theme, prompts or schemas into the project, to edit them.")
    var eject: Ejectable?

    func run() async throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let files: [(path: String, text: String)]
        if let eject {
            files = ProjectDefaults.files(in: eject.folder).map { ("\(eject.folder)/\($0.name)", $0.text) }
        } else {
            let title = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            files = StarterProject.files(title: title.isEmpty || title == "/" ? "Courses" : title)
        }
        let existing = files.filter { manager.fileExists(atPath: folder + "/" + $0.path) }.map(\.path)
        guard existing.isEmpty else {
            throw CommandFailure("not overwriting what is there: \(existing.joined(separator: ", ")); "
                                 + "move those files away or init another folder")
        }
        for file in files {
            let path = folder + "/" + file.path
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
            print("wrote \(path)")
        }
        if eject == nil {
            print("next: run `scrollbuild all`" + (folder == "." ? "" : " in \(folder)") + ", then open build/site/index.html")
        }
    }
}
