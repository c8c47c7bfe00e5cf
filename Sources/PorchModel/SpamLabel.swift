/// The spam lane's three verdicts, `ham` < `suspect` < `spam`: `suspect` is for a moderator to look at twice;
/// `spam` never rejects by itself.
///
/// The raw values are the words written in every JSON output (the queue stores a suspect post as `ham` with a
/// flag beside it).
public enum SpamLabel: String, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case ham
    /// Between ham and spam: for a moderator to look at twice.
    case suspect
    case spam

    public static func < (lhs: SpamLabel, rhs: SpamLabel) -> Bool { lhs.order < rhs.order }

    public var description: String { rawValue }

    private var order: Int {
        switch self {
        case .ham: 0
        case .suspect: 1
        case .spam: 2
        }
    }
}
