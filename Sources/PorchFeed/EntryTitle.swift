/// Makes the short title an entry shows when a moderator gave it none.
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
        if let given {
            let clean = FeedText.singleLine(given)
            if !clean.isEmpty { return clean }
        }
        return derive(from: text)
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
