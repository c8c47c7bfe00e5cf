/// What a piece of the screen means, which decides how it is styled.
enum Role: Sendable, Equatable {
    case plain, dim, header, footer, selectedRow, crisisBadge, concernBadge, redaction, crisisMatch, spamMatch,
        selectedMatch, inert, notice, prompt, error, success, heading

    /// The SGR parameters for this role in a colour mode, or nil for no styling.
    func sgr(_ mode: ColorMode) -> String? {
        switch mode {
        case .none: return nil
        case .basic: return basic
        case .ansi256: return extended
        }
    }

    private var basic: String? {
        switch self {
        case .plain: nil
        case .dim: "2"
        case .header: "1;7"
        case .footer: "7"
        case .selectedRow: "7"
        case .crisisBadge: "1;97;41"
        case .concernBadge: "1;30;43"
        case .redaction: "30;46"
        case .crisisMatch: "1;4;31"
        case .spamMatch: "4;35"
        case .selectedMatch: "1;7"
        case .inert: "1;33;40"
        case .notice: "1;33"
        case .prompt: "1"
        case .error: "1;31"
        case .success: "32"
        case .heading: "1"
        }
    }

    private var extended: String? {
        switch self {
        case .plain: nil
        case .dim: "38;5;245"
        case .header: "1;38;5;255;48;5;24"
        case .footer: "38;5;252;48;5;237"
        case .selectedRow: "38;5;255;48;5;238"
        case .crisisBadge: "1;38;5;231;48;5;160"
        case .concernBadge: "1;38;5;16;48;5;214"
        case .redaction: "38;5;16;48;5;80"
        case .crisisMatch: "1;4;38;5;203"
        case .spamMatch: "4;38;5;176"
        case .selectedMatch: "1;38;5;16;48;5;229"
        case .inert: "1;38;5;214;48;5;52"
        case .notice: "1;38;5;221"
        case .prompt: "1;38;5;255"
        case .error: "1;38;5;203"
        case .success: "38;5;114"
        case .heading: "1;38;5;153"
        }
    }
}
