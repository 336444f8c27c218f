import Synchronization

/// A ceiling on what a run (or one course within it) may spend.
public struct BudgetLimit: Sendable, Hashable, Codable {
    public var usd: Double?
    public var tokens: Int?

    public init(usd: Double? = nil, tokens: Int? = nil) {
        self.usd = usd
        self.tokens = tokens
    }
}

/// Price of a model in USD per million tokens.
public struct Price: Sendable, Hashable, Codable {
    public var input: Double
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    public func cost(tokensIn: Int, tokensOut: Int) -> Double {
        (Double(tokensIn) * input + Double(tokensOut) * output) / 1_000_000
    }
}

/// What this run has spent and promised, against its budgets. Before a call is sent its
/// estimate is reserved; when the reservation would pass a budget the call is not sent,
/// and from then on no new call is (calls already in flight finish and are kept).
public final class BudgetLedger: Sendable {
    /// The command line's limits: each field it sets overrides the one a call brings
    /// from scrollbuild.yml.
    public let run: BudgetLimit
    private struct Account { var tokens = 0; var usd = 0.0 }
    private struct State {
        var spent: [String: Account] = [:]     // by course; "" is the whole run
        var exhausted: String?
        var courseRefusal: String?
    }
    private let state = Mutex(State())

    public init(run: BudgetLimit) { self.run = run }

    /// Why spending stopped, once it has.
    public var exhausted: String? { state.withLock { $0.exhausted } }

    /// Why any call was refused: the run's budget, else the first course budget that was.
    public var refusal: String? { state.withLock { $0.exhausted ?? $0.courseRefusal } }

    /// Reserves `tokens` and `usd` for a call of `course`: `runLimit` is the run's budget
    /// in scrollbuild.yml, `courseLimit` the course's own. Nil when it fits, else the reason
    /// it does not.
    public func reserve(tokens: Int, usd: Double, course: String, runLimit: BudgetLimit? = nil,
                        courseLimit: BudgetLimit?) -> String? {
        let limit = BudgetLimit(usd: run.usd ?? runLimit?.usd, tokens: run.tokens ?? runLimit?.tokens)
        return state.withLock { state in
            if let reason = state.exhausted { return reason }
            let whole = state.spent["", default: Account()]
            let own = state.spent[course, default: Account()]
            if let reason = BudgetLedger.excess(whole, tokens, usd, limit, "the run's budget") {
                state.exhausted = reason
                return reason
            }
            if let limit = courseLimit, let reason = BudgetLedger.excess(own, tokens, usd, limit, "course '\(course)'s budget") {
                if state.courseRefusal == nil { state.courseRefusal = reason }
                return reason
            }
            state.spent["", default: Account()].tokens += tokens
            state.spent["", default: Account()].usd += usd
            state.spent[course, default: Account()].tokens += tokens
            state.spent[course, default: Account()].usd += usd
            return nil
        }
    }

    /// Replaces a reservation with what the call really cost (or nothing, if it was not sent).
    public func settle(reserved: (tokens: Int, usd: Double), actual: (tokens: Int, usd: Double), course: String) {
        state.withLock { state in
            for name in ["", course] {
                state.spent[name, default: Account()].tokens += actual.tokens - reserved.tokens
                state.spent[name, default: Account()].usd += actual.usd - reserved.usd
            }
        }
    }

    private static func excess(_ account: Account, _ tokens: Int, _ usd: Double, _ limit: BudgetLimit, _ name: String) -> String? {
        if let most = limit.tokens, account.tokens + tokens > most {
            return "\(name) of \(most) tokens would be exceeded (\(account.tokens) spent or promised, the next call needs about \(tokens))"
        }
        if let most = limit.usd, account.usd + usd > most {
            return "\(name) of $\(String(format: "%.4f", most)) would be exceeded ($\(String(format: "%.4f", account.usd)) spent or promised, the next call needs about $\(String(format: "%.4f", usd)))"
        }
        return nil
    }
}
