import PorchReview

/// Text from posts made safe for a moderator's terminal: control, escape and bidi characters become inert.
enum SafeText {
    /// One line: line breaks become spaces, controls visible symbols.
    static func line(_ text: String) -> String {
        TerminalText.sanitize(text)
    }

    /// Several lines, each made safe; the text's own line breaks are kept.
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            TerminalText.sanitize(String($0))
        }
    }

    /// The first words of a text on one line, at most `limit` characters, ending in `…` when cut.
    static func excerpt(_ text: String, limit: Int) -> String {
        // Only the opening of a long post can show: sanitize a bounded prefix, not the whole text.
        let opening = text.count > limit * 4 ? String(text.prefix(limit * 4)) : text
        let words = opening.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let safe = TerminalText.sanitize(words)
        guard safe.count > limit else { return safe }
        var cut = String(safe.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    /// JSON text with the characters JSON allows raw but a terminal may act on (DEL, C1 controls, bidi
    /// controls) written as `\u` escapes. They can only occur inside strings, so the JSON means the same.
    static func json(_ output: String) -> String {
        guard output.unicodeScalars.contains(where: needsEscape) else { return output }
        var escaped = String.UnicodeScalarView()
        for scalar in output.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16)
                escaped.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
