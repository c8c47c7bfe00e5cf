/// How often a member's alias in the public feed changes: never, on every post, or every N days.
///
/// The queue keeps one stable pseudonym per member for the moderators; the feed shows an alias made from that
/// pseudonym and a period, so posts from different periods cannot be linked by their alias.
public enum AliasRotation: Equatable {
    case never
    case everyPost
    case everyDays(Int)

    public static let defaultDays = 30

    public init?(mode: String, days: Int) {
        switch mode {
        case "never": self = .never
        case "post": self = .everyPost
        case "days": self = .everyDays(days)
        default: return nil
        }
    }

    /// The `alias_rotation` value in porch.toml.
    public var mode: String {
        switch self {
        case .never: "never"
        case .everyPost: "post"
        case .everyDays: "days"
        }
    }

    /// The `alias_days` value in porch.toml.
    public var days: Int {
        if case .everyDays(let days) = self { return days }
        return Self.defaultDays
    }
}
