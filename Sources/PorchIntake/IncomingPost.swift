import Foundation

/// One decoded post as it came in on stdin, ready for screening.
public struct IncomingPost: Sendable, Equatable {
    /// The body to screen.
    public var text: String
    /// The decoded email `Subject`; the command line decides whether to prepend it.
    public var subject: String?
    /// The JSON `id` (numbers kept as written) or the email `Message-ID` without its angle brackets.
    public var externalID: String?
    /// The submitter as intake knows them.
    public var author: Author?
    /// JSON `submitted_at` (ISO 8601) or the email `Date` header.
    public var submittedAt: Date?
    /// The JSON `topic`.
    public var topic: String?
    /// The format the post was read as.
    public var format: IntakeFormat
    /// Where in stdin the post came from.
    public var position: InputPosition
    /// How many lines of a trailing email signature block (after a `-- ` line) were removed; 0 if none.
    public var signatureLinesRemoved: Int
    /// Why intake could not read the post faithfully (bytes replaced, a charset it does not know, no text at
    /// all): the post is stored held for a moderator with this reason. Never quotes the post.
    public var holdReason: String?

    public init(
        text: String, subject: String? = nil, externalID: String? = nil, author: Author? = nil,
        submittedAt: Date? = nil, topic: String? = nil, format: IntakeFormat, position: InputPosition,
        signatureLinesRemoved: Int = 0
    ) {
        self.text = text
        self.subject = subject
        self.externalID = externalID
        self.author = author
        self.submittedAt = submittedAt
        self.topic = topic
        self.format = format
        self.position = position
        self.signatureLinesRemoved = signatureLinesRemoved
    }
}
