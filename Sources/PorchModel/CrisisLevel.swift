/// How urgently a post needs a human, as the crisis lane judged it: `none` < `concern` < `crisis`.
///
/// The raw values are the words stored in the queue and written in every JSON output.
public enum CrisisLevel: String, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case none
    case concern
    case crisis

    public static func < (lhs: CrisisLevel, rhs: CrisisLevel) -> Bool { lhs.order < rhs.order }

    public var description: String { rawValue }

    private var order: Int {
        switch self {
        case .none: 0
        case .concern: 1
        case .crisis: 2
        }
    }
}
