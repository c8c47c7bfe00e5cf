import PorchFeed
import PorchScreening

/// The exact text a post goes out as: its scrubbed text with what a feed cannot carry taken out.
///
/// The feed renderer removes C0 and C1 controls, terminal escape sequences, DEL and Unicode noncharacters, and
/// makes every CR or CRLF a newline. Removing a character can join what it split (`555-\u{1}0142`), so the
/// publisher makes the same cut first, with the renderer's own cleaning, and screens the result: the text in the
/// feed is the text that was scanned. Invisible characters a reader's software could recover are decoded into
/// view or removed first (`HiddenText`), so the feed never carries text nobody screened in the form it was read.
public enum PublishableText {
    /// `scrubbed` as the feed will carry it.
    public static func of(_ scrubbed: String) -> String { FeedText.clean(HiddenText(scrubbed).text) }
}
