/// Makes text that a reader's software can recover but a person cannot see either visible or gone.
///
/// Unicode tag characters (U+E0000–U+E007F) spell ASCII invisibly: each run of them is decoded and written
/// into the text as `[hidden text: …]`, so the lanes screen it and a moderator reads it. Every other
/// default-ignorable code point (zero-width spaces and joiners, variation selectors, soft hyphens, fillers,
/// bidi controls) is removed. Emoji keep what makes them emoji: a joiner between two pictographs, a
/// variation selector after a pictograph, digit or keycap base, and the three subdivision flags Unicode
/// recommends (England, Scotland, Wales).
public struct HiddenText: Sendable, Equatable {
    /// The text with tag characters decoded into view and the other invisible characters removed.
    public let text: String
    /// How many runs of tag characters were decoded into `[hidden text: …]`.
    public let decodedRuns: Int
    /// How many other invisible characters were removed.
    public let removed: Int

    /// True when the text had nothing hidden in it.
    public var isUnchanged: Bool { decodedRuns == 0 && removed == 0 }

    /// What a moderator is told, or nil when nothing was hidden. Counts only: never the hidden text itself.
    public var note: String? {
        var parts: [String] = []
        if decodedRuns > 0 {
            parts.append("\(decodedRuns) run(s) of invisible tag characters shown as [hidden text: …]")
        }
        if removed > 0 { parts.append("\(removed) invisible character(s) removed") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The opening of a decoded run, as it appears in the text.
    public static let marker = "[hidden text: "

    /// Reveals or removes every hidden character of `input`.
    public init(_ input: String) {
        // Fast path: every hidden character is outside ASCII and most posts are plain ASCII.
        guard input.utf8.contains(where: { $0 >= 0x80 }) else {
            (text, decodedRuns, removed) = (input, 0, 0)
            return
        }
        let scalars = Array(input.unicodeScalars)
        var output = String.UnicodeScalarView()
        var runs = 0
        var dropped = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if HiddenText.isTag(scalar) {
                var end = index
                while end < scalars.count, HiddenText.isTag(scalars[end]) { end += 1 }
                let run = scalars[index..<end]
                if HiddenText.isRecommendedFlag(run, after: index > 0 ? scalars[index - 1] : nil) {
                    output.append(contentsOf: run)
                } else {
                    let decoded = run.compactMap { tag -> Unicode.Scalar? in
                        let value = tag.value - 0xE0000
                        return (0x20..<0x7F).contains(value) ? Unicode.Scalar(value) : nil
                    }
                    if decoded.isEmpty {
                        dropped += run.count
                    } else {
                        runs += 1
                        if let last = output.last, !last.properties.isWhitespace { output.append(" ") }
                        output.append(contentsOf: HiddenText.marker.unicodeScalars)
                        output.append(contentsOf: decoded)
                        output.append("]")
                        if end < scalars.count, !scalars[end].properties.isWhitespace { output.append(" ") }
                    }
                }
                index = end
                continue
            }
            if scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isVariationSelector {
                let previous = index > 0 ? scalars[index - 1] : nil
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                if HiddenText.isEmojiGlue(scalar, previous: previous, next: next) {
                    output.append(scalar)
                } else {
                    dropped += 1
                }
                index += 1
                continue
            }
            output.append(scalar)
            index += 1
        }
        text = runs == 0 && dropped == 0 ? input : String(output)
        decodedRuns = runs
        removed = dropped
    }

    static func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0000...0xE007F).contains(scalar.value) }

    /// A joiner between two pictographs, or one emoji variation selector (U+FE0E, U+FE0F) after a pictograph
    /// or a keycap base: what emoji sequences are made of. Each carries at most a bit, never readable text.
    static func isEmojiGlue(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
        guard let previous else { return false }
        let pictograph = previous.properties.isEmoji && previous.value >= 0x80
        switch scalar.value {
        case 0x200D:
            return pictograph && (next?.properties.isEmoji ?? false) && (next?.value ?? 0) >= 0x80
        case 0xFE0E, 0xFE0F:
            let keycapBase = ("0"..."9").contains(previous) || previous == "#" || previous == "*"
            return pictograph || keycapBase
        default:
            return false
        }
    }

    /// The England, Scotland and Wales flags: a black flag followed by `gbeng`, `gbsct` or `gbwls` in tag
    /// characters and a cancel tag.
    static func isRecommendedFlag(_ run: ArraySlice<Unicode.Scalar>, after previous: Unicode.Scalar?) -> Bool {
        guard previous == "\u{1F3F4}", run.last?.value == 0xE007F else { return false }
        let letters = String(String.UnicodeScalarView(run.dropLast().compactMap { Unicode.Scalar($0.value - 0xE0000) }))
        return ["gbeng", "gbsct", "gbwls"].contains(letters)
    }
}
