import Foundation
import PorchModel

/// A post as the queue holds it: its screening, its state and the decisions taken on it.
public struct Post: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var externalID: String?
    public var state: PostState
    /// Bumped by every change; pass it back as `expectedVersion` to detect a concurrent change.
    public var version: Int
    public var scrubbedText: String
    /// The screened text; nil once the post is decided (purged).
    public var originalText: String?
    public var redactions: [StoredRedaction]
    /// The crisis and spam rules that matched, placed in `scrubbedText` as it is now.
    public var matches: [RuleMatch]
    public var crisisLevel: CrisisLevel
    public var crisisCategories: [String]
    public var spamVerdict: SpamLabel
    public var spamScore: Double
    public var verdictJSON: String
    public var pseudonym: String
    public var alias: String
    public var receivedAt: Date
    public var submittedAt: Date?
    public var topic: String?
    public var sourceFormat: String
    public var contentHash: String
    /// Why the post is held; nil unless the state is `held`.
    public var heldReason: String?
    /// Why a moderator rejected it.
    public var rejectReason: String?
    /// Who took the decision (approve, reject, spam) and when.
    public var decidedBy: String?
    public var decidedAt: Date?
    /// The permanent feed entry id (`urn:uuid:…`), minted on approval.
    public var entryID: String?
    public var approvedAt: Date?
    public var publishedAt: Date?
    /// The hash of the text the publisher wrote to the feed.
    public var publishedTextHash: String?
    /// When the post last changed.
    public var updatedAt: Date
    /// What was hidden in the text and shown or removed before screening (counts only), or nil when nothing was.
    public var hiddenNote: String?
}
