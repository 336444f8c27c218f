import Engine
import Foundation
import Synchronization

/// Shows a build as it runs, on stderr: one live line redrawn in place on a terminal,
/// or one plain line per task when output goes to a file or CI is set. Warnings are
/// kept for the end, with the errors, so they are not lost in the scroll.
final class ProgressPrinter: BuildObserver {
    enum Style { case live, plain }

    private struct State {
        var started = 0
        var finished = 0
        var cutOff = 0
        var failed = 0
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lineShown = false
        var warnings: [String] = []
    }

    let style: Style
    private let state = Mutex(State())

    init(style: Style) {
        self.style = style
    }

    /// Live on an interactive terminal, plain when stdout or stderr is not a TTY or CI is set.
    static func styleForThisProcess() -> Style {
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
        return !ci && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 ? .live : .plain
    }

    func started(_ key: BuildKey, reason: RunReason) {
        let line: String? = state.withLock { s in
            s.started += 1
            switch style {
            case .plain:
                return "[\(s.started)] \(key)\n"
            case .live:
                let now = ContinuousClock.now
                guard now - s.lastDraw > .milliseconds(80) else { return nil }
                s.lastDraw = now
                s.lineShown = true
                let running = s.started - s.finished - s.failed
                let text = "[\(s.finished) done, \(running) running] \(key)"
                return "\r\u{1B}[K" + String(text.prefix(columns - 1))
            }
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finished(_ key: BuildKey, cutOff: Bool) {
        state.withLock { s in
            s.finished += 1
            if cutOff { s.cutOff += 1 }
        }
    }

    func failed(_ failure: BuildFailure) {
        state.withLock { $0.failed += 1 }
    }

    func warning(_ message: String) {
        state.withLock { $0.warnings.append(message) }
    }

    /// Clears the live line and hands back the warnings seen, sorted.
    func end() -> [String] {
        state.withLock { s in
            if s.lineShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            s.lineShown = false
            return s.warnings.sorted()
        }
    }

    private var columns: Int {
        var size = winsize()
        return ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
    }
}
