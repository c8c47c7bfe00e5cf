import PorchFeed

/// The exact text a post goes out as: its scrubbed text with what a feed cannot carry taken out.
///
/// The feed renderer removes C0 and C1 controls, terminal escape sequences, DEL and Unicode noncharacters, and
/// makes every CR or CRLF a newline. Removing a character can join what it split (`555-\u{1}0142`), so the
/// publisher makes the same cut first, with the renderer's own cleaning, and screens the result: the text in the
/// feed is the text that was scanned.
enum PublishableText {
    /// `scrubbed` as the feed will carry it.
    static func of(_ scrubbed: String) -> String { FeedText.clean(scrubbed) }
}
