/// The shape of what arrives on stdin for `porch submit --format`.
public enum IntakeFormat: String, CaseIterable, Sendable {
    /// All of stdin is one post.
    case text
    /// One JSON object per line, each a post.
    case jsonl
    /// One RFC 5322 message, as a mail server delivers it.
    case email
    /// Many RFC 5322 messages in an mboxrd file.
    case mbox
}
