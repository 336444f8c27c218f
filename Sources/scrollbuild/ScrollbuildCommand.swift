import ArgumentParser
import Diagnostics
import Foundation

/// `scrollbuild`: builds a folder of course descriptions into a site, rebuilding only what changed.
@main
struct ScrollbuildCommand: AsyncParsableCommand {
    static let version = "0.15.0"

    static let configuration = CommandConfiguration(
        commandName: "scrollbuild",
        abstract: "Build courses and books from a git-tracked catalog into a static site, incrementally.",
        discussion: """
            Exit codes: 0 success; 1 a course or input has errors (all others still built), or a \
            command could not do what it was asked; 3 another build holds the build folder's lock; \
            4 the LLM budget stopped the run; 64 a usage error (an unknown command, option or value).
            """,
        version: version,
        subcommands: [Init.self, All.self, Build.self, Retry.self, Check.self, Serve.self, Status.self, Explain.self, Graph.self, Clean.self, Report.self, Discover.self])

    static func main() async {
        let arguments = CommandLineConventions.normalized(Array(CommandLine.arguments.dropFirst()))
        if let problem = CommandLineConventions.unknownCommand(in: arguments, commands: commandNames) {
            FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
            Foundation.exit(64)
        }
        MallocArenas.limit()
        await main(arguments)
    }

    /// Every subcommand's name, and `help`.
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }
}

/// What the command line accepts beyond Argument Parser's own rules, as make, ninja and
/// cargo do.
enum CommandLineConventions {
    /// `-j8` as `-j 8`; `-C DIR`, `-j N` and `-k` before the command (as make and git take
    /// them) as after it.
    static func normalized(_ arguments: [String]) -> [String] {
        var arguments = arguments
        var leading: [String] = []
        while let first = arguments.first, first.hasPrefix("-") {
            if ["-C", "--project", "-j"].contains(first), arguments.count >= 2 {
                leading += arguments.prefix(2)
                arguments.removeFirst(2)
            } else if first == "-k" || (first.hasPrefix("-j") && first.dropFirst(2).allSatisfy(\.isNumber) && first.count > 2) {
                leading.append(first)
                arguments.removeFirst()
            } else {
                break
            }
        }
        if !leading.isEmpty, let command = arguments.first {
            arguments = [command] + leading + arguments.dropFirst()
        } else {
            arguments = leading + arguments
        }
        return arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("-j"), argument.count > 2, argument.dropFirst(2).allSatisfy(\.isNumber) else {
                return [argument]
            }
            return ["-j", String(argument.dropFirst(2))]
        }
    }

    /// The error for a first word that is no command, with the nearest command; nil when
    /// the first word is a command or an option.
    static func unknownCommand(in arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, in: commands).map { "did you mean '\($0)'?" }
            ?? "the commands are \(commands.filter { $0 != "help" }.joined(separator: ", "))"
        return "'\(first)' is not a scrollbuild command; \(hint)"
    }
}
