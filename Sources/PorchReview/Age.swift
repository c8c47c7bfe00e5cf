import Foundation

/// How long a post has waited, written for a narrow column ("45s", "12m", "3h", "5d") or in full ("3h 12m").
enum Age {
    static func short(since date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<(86400 * 2): return "\(seconds / 3600)h"
        default: return "\(seconds / 86400)d"
        }
    }

    static func long(since date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let days = seconds / 86400
        let hours = seconds % 86400 / 3600
        let minutes = seconds % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        return "\(minutes)m"
    }
}
