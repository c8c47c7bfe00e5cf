import Foundation

/// Formats feed times as RFC 3339 timestamps in UTC, such as `2026-11-24T18:00:00Z`.
enum FeedDate {
    private static let style = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// The RFC 3339 form of `date` in UTC with whole seconds (fractions are dropped, never rounded up).
    static func rfc3339(_ date: Date) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return whole.formatted(style)
    }
}
