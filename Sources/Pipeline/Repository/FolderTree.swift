import Engine
import Foundation
import Git
import Markup
import Store

/// A plain folder read as it is: every listing and file goes through the rule's context,
/// so the stat cache tracks them (as for content/). A document's id is the SHA-256 of its
/// bytes. Symbolic links are reported, never followed; hidden entries (`.git`, `.DS_Store`)
/// and the build folder (when it is inside) are left out.
struct FolderTree: DocumentTree {
    let root: String
    let context: RuleContext
    /// The build folder, as an absolute path: never read as a source.
    let buildFolder: String

    func entries(under folder: String) async throws -> [TreeEntry]? {
        let relative = folder == "." ? "" : folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let start = relative.isEmpty ? root : root + "/" + relative
        guard !relative.split(separator: "/").contains(where: { $0 == ".." }),
              try await context.entry(at: start) == .folder else { return nil }
        var found: [TreeEntry] = []
        try await walk(start, relative, into: &found)
        return found
    }

    private func walk(_ path: String, _ relative: String, into found: inout [TreeEntry]) async throws {
        for name in try await context.list(path) where !name.hasPrefix(".") {
            let child = path + "/" + name, childRelative = relative.isEmpty ? name : relative + "/" + name
            if child == buildFolder { continue }
            switch try await context.entry(at: child) {
            case .folder?: try await walk(child, childRelative, into: &found)
            case .symbolicLink?: found.append(TreeEntry(path: childRelative, id: "", kind: .symlink))
            case .file?:
                // Only documents are read (and hashed); other files are left as they are.
                guard DocumentFormat(path: name) != nil else { continue }
                let bytes = try await context.read(child)
                found.append(TreeEntry(path: childRelative, id: ContentHash(of: bytes).hex, kind: .file))
            case nil: continue
            }
        }
    }

    func file(at path: String) async throws -> TreeEntry? {
        let full = root + "/" + path
        guard !path.split(separator: "/").contains(where: { $0 == ".." }),
              try await context.entry(at: full) == .file else { return nil }
        return TreeEntry(path: path, id: ContentHash(of: try await context.read(full)).hex, kind: .file)
    }

    func size(of entry: TreeEntry) async throws -> Int { try await bytes(of: entry).count }

    func bytes(of entry: TreeEntry) async throws -> Data {
        let bytes = try await context.read(root + "/" + entry.path)
        guard ContentHash(of: bytes).hex == entry.id else {
            throw PipelineError("\(root)/\(entry.path) changed while the build was reading it; build again")
        }
        return bytes
    }
}
