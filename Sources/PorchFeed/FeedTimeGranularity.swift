import Foundation

/// How coarsely the feed shows when a post was published, so times cannot be matched to a member's activity.
public enum FeedTimeGranularity: String, Sendable, CaseIterable {
    /// Times are rounded down to the start of the hour (UTC). The default.
    case hour
    /// Times are rounded down to midnight UTC.
    case day

    /// The length of one step in seconds; Unix time has no leap seconds, so UTC steps are exact multiples.
    var seconds: Double {
        switch self {
        case .hour: return 3_600
        case .day: return 86_400
        }
    }

    /// Rounds `date` down to the start of its hour or day in UTC.
    public func coarsen(_ date: Date) -> Date {
        let step = seconds
        let floored = (date.timeIntervalSince1970 / step).rounded(.down) * step
        return Date(timeIntervalSince1970: floored)
    }
}
