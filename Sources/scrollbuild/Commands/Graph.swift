import ArgumentParser
import Effects
import Engine
import Pipeline

/// `scrollbuild graph`: the last build's dependency graph in Graphviz DOT.
struct Graph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the build graph of the last build as Graphviz DOT (edges point from a task to its inputs).")

    @Argument(help: "Only the part of the graph that this target depends on.")
    var target: String?

    @OptionGroup var project: ProjectOptions

    func run() async throws {
        let environment = project.environment
        let check = ProjectCheck.check(environment: environment, inputs: project.inputs, fileSystem: LocalFileSystem())
        let entries = check.trace.entries
        var included = [Bool](repeating: target == nil, count: entries.count)
        if let target {
            guard let key = ProjectCheck.key(for: target, environment: environment, in: check),
                  let start = check.index(of: key) else {
                throw CommandFailure(ProjectCheck.unknownTarget(target, in: check))
            }
            var stack = [start]
            while let i = stack.popLast() {
                if included[i] { continue }
                included[i] = true
                stack += entries[i].dependencies.map(Int.init)
            }
        }
        var lines = ["digraph scrollbuild {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
        for (i, entry) in entries.enumerated() where included[i] {
            let style = entry.key.isSource ? " [shape=note]" : (check.isUpToDate(i) ? "" : " [color=red]")
            lines.append("  \(quoted(entry.key.rawValue))\(style);")
            for d in entry.dependencies {
                lines.append("  \(quoted(entry.key.rawValue)) -> \(quoted(entries[Int(d)].key.rawValue));")
            }
        }
        lines.append("}")
        print(lines.joined(separator: "\n"))
    }

    private func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
