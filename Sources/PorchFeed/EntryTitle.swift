/// Makes the short title an entry shows when a moderator gave it none.
///
/// A post whose first line stands alone (an email's subject, or a short opening line followed by more text) has
/// that line as its title, and the body starts after it, so a reader never shows the same words twice.
/// Otherwise:
///
/// The derived title is the post's opening words, whitespace collapsed to single spaces, up to
/// `EntryTitle.maxLength` characters (grapheme clusters, so an emoji or accented letter is never split).
/// A longer text is cut at the last space that fits, trailing `,;:.-–—` are dropped, and "…" is added; a first
/// word longer than the limit is cut inside the word. A text with nothing printable gets `EntryTitle.untitled`.
public enum EntryTitle {
    /// The most characters of post text a derived title keeps, before the ellipsis.
    public static let maxLength = 60
    /// The title of a post with no printable text.
    public static let untitled = "Untitled post"
    /// Punctuation dropped from the end of a cut title, so it never reads "word,…".
    static let danglingPunctuation: Set<Character> = [",", ";", ":", ".", "-", "–", "—"]

    /// The title to publish: `given` if it has printable text, otherwise one derived from `text`.
    public static func resolve(given: String?, text: String) -> String {
        split(given: given, text: text).title
    }

    /// The title and the body to publish under it: `given` over the whole text; else the first line when it
    /// stands alone (at most `maxLength` characters, more text after it) over the rest; else the opening words
    /// over the whole text.
    public static func split(given: String?, text: String) -> (title: String, body: String) {
        if let given {
            let clean = FeedText.singleLine(given)
            if !clean.isEmpty { return (clean, text) }
        }
        if let (line, rest) = firstLine(of: text) { return (line, rest) }
        return (derive(from: text), text)
    }

    /// The first non-blank line of the cleaned text and the text after it, when the line is short enough to be a
    /// title and something follows it.
    static func firstLine(of text: String) -> (String, String)? {
        let clean = FeedText.clean(text)
        var lines = clean.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines = lines.dropFirst() }
        guard let first = lines.first else { return nil }
        let title = FeedText.singleLine(String(first))
        let rest = lines.dropFirst().joined(separator: "\n")
        guard !title.isEmpty, title.count <= maxLength, rest.contains(where: { !$0.isWhitespace }) else { return nil }
        return (title, rest)
    }

    /// A short title made from the opening words of `text`, as described on the type.
    public static func derive(from text: String) -> String {
        let flat = openingWords(of: text)
        guard !flat.isEmpty else { return untitled }
        guard flat.count > maxLength else { return flat }
        let head = flat.prefix(maxLength)
        var cut = head
        // A space right after the limit means the head ends on a whole word.
        let endsOnWord = flat[head.endIndex] == " "
        if !endsOnWord, let space = head.lastIndex(of: " ") {
            cut = head[..<space]
        }
        let trimmed = cut.reversed().drop(while: { $0.isWhitespace || Self.danglingPunctuation.contains($0) })
            .reversed()
        let words = trimmed.isEmpty ? String(head) : String(trimmed)
        return words + "…"
    }

    /// The cleaned text with whitespace runs made one space, trimmed, and stopped after `maxLength + 1`
    /// characters: enough to know whether and where to cut, without walking a long post.
    private static func openingWords(of text: String) -> String {
        var words = ""
        var count = 0
        var pendingSpace = false
        for character in FeedText.clean(text) {
            if character.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                words.append(" ")
                count += 1
                pendingSpace = false
            }
            guard count <= maxLength else { break }
            words.append(character)
            count += 1
        }
        return words
    }
}
