/// Where a post stands in moderation, from arrival to the feed.
///
/// The raw values are the words stored in the queue and written in every JSON output.
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

    /// True while no decision has been taken: the original text is still kept and a moderator still has to
    /// decide the post.
    public var isOpen: Bool {
        switch self {
        case .pending, .escalated, .held: true
        case .approved, .rejected, .spam, .published: false
        }
    }

    public var description: String { rawValue }
}
