/// Where a post stands in moderation, from arrival to the feed.
public enum PostState: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Waiting for a moderator.
    case pending
    /// Approved by a moderator; waiting for the publisher.
    case approved
    /// Rejected by a moderator, with a reason.
    case rejected
    /// Marked as spam by a moderator.
    case spam
    /// Sent to a senior moderator; can still be decided.
    case escalated
    /// A privacy stage failed (match limit, undecodable input); needs an edit and a new screening.
    case held
    /// Written to the group feed.
    case published

    /// True while no decision has been taken: the original text is still kept.
    public var isOpen: Bool {
        switch self {
        case .pending, .escalated, .held: true
        case .approved, .rejected, .spam, .published: false
        }
    }

    public var description: String { rawValue }
}

/// How urgently a post needs a human, as the crisis lane judged it.
public enum CrisisLevel: String, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case none
    case concern
    case crisis

    /// The rank stored in the database: higher is reviewed first.
    var rank: Int {
        switch self {
        case .none: 0
        case .concern: 1
        case .crisis: 2
        }
    }

    init?(rank: Int) {
        switch rank {
        case 0: self = .none
        case 1: self = .concern
        case 2: self = .crisis
        default: return nil
        }
    }

    public static func < (lhs: CrisisLevel, rhs: CrisisLevel) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}

/// The spam lane's verdict on a post.
public enum SpamVerdict: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case ham
    /// Between ham and spam: for a moderator to look at twice.
    case suspect
    case spam

    public var description: String { rawValue }
}

extension SpamVerdict {
    /// The `spamVerdict` column's value: a suspect post is stored as ham with `spamSuspect` set.
    var storedVerdict: String { self == .spam ? "spam" : "ham" }

    /// The verdict from the `spamVerdict` and `spamSuspect` columns.
    init?(stored: String, suspect: Bool) {
        switch stored {
        case "spam": self = .spam
        case "ham": self = suspect ? .suspect : .ham
        default: return nil
        }
    }
}
