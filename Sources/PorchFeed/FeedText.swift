/// Cleans post text for publication: line endings unified, characters a feed cannot carry removed, paragraphs found.
///
/// Removed: C0 controls other than tab and newline (a CR or CRLF becomes a newline), terminal escape sequences
/// (`ESC [ … final`) as a whole, DEL, C1 controls and Unicode noncharacters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF).
/// XML 1.0 forbids most of these and discourages the rest; both feed formats carry the same cleaned text.
public enum FeedText {
    /// `text` with unified line endings and without the characters listed above.
    public static func clean(_ text: String) -> String {
        // Most posts need no change: a scan is far cheaper than a rebuild.
        guard text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\u{1B}" || !isPublishable($0) }) else {
            return text
        }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x0D:
                output.append("\n")
                if index < scalars.count, scalars[index] == "\n" { index += 1 }
            case 0x1B:
                index = skipEscapeSequence(in: scalars, after: index)
            default:
                if isPublishable(scalar) { output.append(scalar) }
            }
        }
        return String(output)
    }

    /// Whether a scalar (other than CR and ESC, handled by `clean`) may appear in a feed.
    static func isPublishable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return true
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0xFDD0...0xFDEF: return false
        default: return scalar.value & 0xFFFE != 0xFFFE
        }
    }

    /// The index after a CSI sequence (`[`, parameter bytes, intermediate bytes, one final byte) that follows an ESC.
    /// A lone ESC, or one before anything else, is dropped alone.
    private static func skipEscapeSequence(in scalars: [Unicode.Scalar], after start: Int) -> Int {
        guard start < scalars.count, scalars[start] == "[" else { return start }
        var index = start + 1
        while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
        while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
        if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { return index + 1 }
        return start
    }

    /// `text` cleaned, with every run of whitespace (newlines included) made one space, and trimmed.
    static func singleLine(_ text: String) -> String {
        clean(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The cleaned text as paragraphs of lines: blank (whitespace-only) lines separate paragraphs,
    /// and leading, trailing and repeated blank lines are dropped. Lines keep their own spacing.
    static func paragraphs(_ text: String) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        for line in clean(text).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Paragraphs as plain text: lines joined by a newline, paragraphs by one blank line.
    static func plain(_ paragraphs: [[String]]) -> String {
        paragraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }
}
