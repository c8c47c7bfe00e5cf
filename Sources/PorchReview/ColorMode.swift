/// How much styling the screen may send: none (`NO_COLOR` or a plain terminal), 16 colours or 256 colours.
public enum ColorMode: Sendable, Equatable {
    case none, basic, ansi256

    /// The mode for an environment: `NO_COLOR` (any non-empty value) turns styling off.
    public static func detect(environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        let colorTerm = environment["COLORTERM"] ?? ""
        if term.contains("256color") || colorTerm == "truecolor" || colorTerm == "24bit" { return .ansi256 }
        return .basic
    }
}
