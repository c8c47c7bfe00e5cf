import Foundation

/// One approved, scrubbed post as it is published: permanent id, alias, text and coarse times, nothing more.
///
/// The entry holds no submitter metadata (no email, queue id or pseudonym key) by construction, so a feed
/// cannot carry any.
public struct FeedEntry: Sendable, Equatable {
    /// The permanent `urn:uuid:` URI minted at approval (`FeedID.mint()`), never derived from author or content.
    public let id: String
    /// The moderator's title, or `nil` to derive one from the text (see `EntryTitle`).
    public let title: String?
    /// The post's alias, such as "Quiet Heron".
    public let author: String
    /// The scrubbed post: plain text, newlines separate lines and blank lines separate paragraphs.
    public let text: String
    /// When the post was published; shown rounded down to the feed's time granularity.
    public let published: Date
    /// When the post last changed; never earlier than `published`, rounded the same way.
    public let updated: Date
    /// Lines shown after the text, such as crisis resources for a post that carried a flag.
    public let footer: String?

    /// The alias shown when a post's alias has no printable text.
    public static let anonymousAuthor = "Anonymous member"

    /// Stores an entry; throws `FeedError.invalidEntryID` unless `id` is `urn:uuid:` with a valid UUID.
    /// An `updated` earlier than `published` (or `nil`) is taken as `published`.
    public init(
        id: String,
        title: String? = nil,
        author: String,
        text: String,
        published: Date,
        updated: Date? = nil,
        footer: String? = nil
    ) throws(FeedError) {
        guard FeedID.isUUIDURN(id) else { throw .invalidEntryID }
        self.id = id
        self.title = title
        self.author = author
        self.text = text
        self.published = published
        self.updated = max(updated ?? published, published)
        self.footer = footer
    }

    /// The title as published: the given one cleaned, or one derived from the text.
    public var resolvedTitle: String {
        EntryTitle.resolve(given: title, text: text)
    }
}
