import Foundation

/// A screened post ready to be stored: its screening results and where it came from.
public struct NewPost: Sendable, Equatable {
    /// The id the source gave it (JSON Lines `id`, a Message-ID), if any.
    public var externalID: String?
    public var screening: Screening
    /// The keyed pseudonym of the author (see ``Pseudonymizer``); never the identity itself.
    public var pseudonym: String
    /// The friendly name shown for the pseudonym, e.g. "Quiet Heron 42".
    public var alias: String
    /// When Porch received the post.
    public var receivedAt: Date
    /// When the author says they sent it, if the source tells.
    public var submittedAt: Date?
    public var topic: String?
    /// `text`, `jsonl`, `email`, `mbox`.
    public var sourceFormat: String
    /// The de-duplication key (see ``ContentHasher``): the same message submitted twice is stored once.
    public var contentHash: String

    public init(
        externalID: String? = nil, screening: Screening, pseudonym: String, alias: String, receivedAt: Date,
        submittedAt: Date? = nil, topic: String? = nil, sourceFormat: String, contentHash: String
    ) {
        self.externalID = externalID
        self.screening = screening
        self.pseudonym = pseudonym
        self.alias = alias
        self.receivedAt = receivedAt
        self.submittedAt = submittedAt
        self.topic = topic
        self.sourceFormat = sourceFormat
        self.contentHash = contentHash
    }
}
