import Foundation
import PorchModel

/// An approved post as the publisher needs it: its permanent entry id, alias and scrubbed text.
public struct ApprovedPost: Sendable, Equatable {
    public var id: Int64
    /// `urn:uuid:` + a random UUID, minted on approval; never derived from author or content.
    public var entryID: String
    public var alias: String
    /// The member's stable keyed pseudonym, for a feed alias that changes over time (never published itself).
    public var pseudonym: String
    /// When the post was received, for a feed alias that changes every few days.
    public var receivedAt: Date
    public var scrubbedText: String
    public var topic: String?
    public var crisisLevel: CrisisLevel
    public var approvedAt: Date
    /// When it was written to the feed; nil while waiting.
    public var publishedAt: Date?
    /// What a moderator restored as false positives (`porch restore`): findings of these values are not new.
    public var keptValues: Set<String> = []
}

/// The publisher's receipt for one post: which post and the hash of the text it wrote.
public struct PublishMark: Sendable, Equatable {
    public var id: Int64
    public var textHash: String

    public init(id: Int64, textHash: String) {
        self.id = id
        self.textHash = textHash
    }
}
