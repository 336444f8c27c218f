/// A command that cannot do what it was asked, for a reason that is not a usage error:
/// Argument Parser prints it on stderr and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
