import Engine
import Foundation
import Pipeline
import Synchronization

/// Shows a build as it runs, on stderr. On a terminal, one live line redrawn in place:
/// `[done/started] elapsed, ETA · course — step`. Anywhere else (a pipe, a file, CI,
/// `TERM=dumb`, `NO_COLOR`), no escape sequence at all: one plain line per course as it
/// ends, never internal task keys. Warnings are kept for the end, with the errors.
final class ProgressPrinter: CourseObserver {
    enum Style { case live, plain }

    private struct State {
        var started = 0
        var finished = 0
        var failed = 0
        var lastDraw = ContinuousClock.now - .seconds(1)
        var lineShown = false
        var warnings: [String] = []
        var courses = 0
        var touched: Set<String> = []
        var ended = 0
        var running = ""
    }

    let style: Style
    private let began = ContinuousClock.now
    private let state = Mutex(State())

    init(style: Style) {
        self.style = style
    }

    /// Live only on an interactive terminal, and never under CI, `TERM=dumb` or `NO_COLOR`.
    static func style(environment: [String: String], terminal: Bool) -> Style {
        let ci = environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return terminal && !ci && !noColor && environment["TERM"] != "dumb" ? .live : .plain
    }

    static func styleForThisProcess() -> Style {
        style(environment: ProcessInfo.processInfo.environment,
              terminal: isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1)
    }

    /// Time since the build began, as people read it: `0.84 s`, `12.3 s`, `2 min 05 s`.
    var elapsed: String { ProgressPrinter.format(ContinuousClock.now - began) }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }

    // MARK: CourseObserver

    func courses(_ count: Int) { state.withLock { $0.courses = count } }

    func working(on course: String, step: String) {
        state.withLock { s in
            s.touched.insert(course)
            s.running = course + " — " + step
        }
    }

    func courseEnded(_ course: String, failed: Bool) {
        let line: String? = state.withLock { s in
            s.ended += 1
            guard style == .plain else { return nil }
            let total = max(s.courses, s.ended)
            return "[\(s.ended)/\(total) courses] \(course) \(failed ? "failed" : "built") (\(elapsed))\n"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    // MARK: BuildObserver

    func started(_ key: BuildKey, reason: RunReason) {
        let line: String? = state.withLock { s in
            s.started += 1
            guard style == .live else { return nil }
            let now = ContinuousClock.now
            guard now - s.lastDraw > .milliseconds(80) else { return nil }
            s.lastDraw = now
            s.lineShown = true
            var text = "[\(s.finished + s.failed)/\(s.started)] \(elapsed)"
            // The courses this build works on, and the rate at which they end so far.
            if s.ended > 0, s.touched.count > s.ended {
                let left = (now - began) * Double(s.touched.count - s.ended) / Double(s.ended)
                text += ", ETA " + ProgressPrinter.format(left)
            }
            if !s.running.isEmpty { text += " · " + s.running }
            return "\r\u{1B}[K" + String(text.prefix(columns - 1))
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finished(_ key: BuildKey, cutOff: Bool) {
        state.withLock { $0.finished += 1 }
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
