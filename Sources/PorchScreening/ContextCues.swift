import PCRE2
import PorchRules

/// A rule's cue words, looked for in a window of whole words before and after a match (`context_before` and
/// `context_after` in a rule file). The window runs across sentences: "Her chart says. 48213377" still has its cue.
///
/// A word is a run of ASCII letters and digits or non-ASCII bytes, compared in lower case; anything else
/// separates words, so "D.O.B." is the words "d", "o", "b" and "patient's" is "patient", "s". A cue is a
/// phrase of such words that must stand together, in order; a final `*` makes its last word a stem.
struct ContextCues: Sendable {
    /// One cue phrase as words, the last a stem when `stem` is set.
    struct Cue: Sendable {
        let words: [[UInt8]]
        let stem: Bool
    }

    let cues: [Cue]
    let window: ContextWords

    init(_ phrases: [String], window: ContextWords) {
        self.window = window
        cues = phrases.compactMap { phrase in
            var text = Array(phrase.utf8)
            let stem = text.last == UInt8(ascii: "*")
            if stem { text.removeLast() }
            let words = ContextCues.words(in: text[...]).map { Array(text[$0]).map(ContextCues.lower) }
            return words.isEmpty ? nil : Cue(words: words, stem: stem)
        }
    }

    /// True when a cue stands within the window around `match` (byte offsets into `subject`).
    func found(around match: Range<Int>, in subject: Subject) -> Bool {
        let bytes = subject.bytes
        var before: [Range<Int>] = []
        var end = match.lowerBound
        while before.count < window.before, let word = ContextCues.word(endingBefore: end, in: bytes) {
            // A placeholder ("[postcode 1]" in a post scrubbed before, then edited) is one word and never a cue.
            let placeholder = ContextCues.placeholder(around: word, in: bytes)
            before.append(placeholder.map { $0.lowerBound..<$0.lowerBound } ?? word)
            end = placeholder?.lowerBound ?? word.lowerBound
        }
        var after: [Range<Int>] = []
        var start = match.upperBound
        while after.count < window.after, let word = ContextCues.word(startingFrom: start, in: bytes) {
            let placeholder = ContextCues.placeholder(around: word, in: bytes)
            after.append(placeholder.map { $0.upperBound..<$0.upperBound } ?? word)
            start = placeholder?.upperBound ?? word.upperBound
        }
        return contains(before.reversed(), in: bytes) || contains(after, in: bytes)
    }

    /// True when one of the cues occurs in `words` (in text order).
    private func contains(_ words: [Range<Int>], in bytes: [UInt8]) -> Bool {
        guard !words.isEmpty else { return false }
        for cue in cues where cue.words.count <= words.count {
            for first in 0...(words.count - cue.words.count) {
                var matched = true
                for (offset, cueWord) in cue.words.enumerated() {
                    let isLast = offset == cue.words.count - 1
                    if !ContextCues.equal(words[first + offset], cueWord, stem: isLast && cue.stem, in: bytes) {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
        }
        return false
    }

    /// The placeholder `word` stands in, `[` through `]`, when it is one: `[`, words of ASCII letters, a number,
    /// `]`, as the scrubber writes them ("[postcode 1]", "[ID number 2]", "[IBAN 1]").
    static func placeholder(around word: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        func isLetter(_ byte: UInt8) -> Bool { lower(byte) &- UInt8(ascii: "a") < 26 }
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        var open = word.lowerBound
        while open > 0, isLetter(bytes[open - 1]) || bytes[open - 1] == UInt8(ascii: " ") { open -= 1 }
        guard open > 0, bytes[open - 1] == UInt8(ascii: "[") else { return nil }
        var close = open
        while close < bytes.count, isLetter(bytes[close]) || bytes[close] == UInt8(ascii: " ") { close += 1 }
        let digits = close
        while close < bytes.count, isDigit(bytes[close]) { close += 1 }
        guard digits > open, bytes[digits - 1] == UInt8(ascii: " "), close > digits, close <= bytes.count - 1,
            bytes[close] == UInt8(ascii: "]"), word.upperBound <= close
        else { return nil }
        return (open - 1)..<(close + 1)
    }

    private static func equal(_ word: Range<Int>, _ cue: [UInt8], stem: Bool, in bytes: [UInt8]) -> Bool {
        guard !word.isEmpty else { return false }
        guard stem ? word.count >= cue.count : word.count == cue.count else { return false }
        for (offset, byte) in cue.enumerated() where lower(bytes[word.lowerBound + offset]) != byte { return false }
        return true
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte &- UInt8(ascii: "0") < 10 || lower(byte) &- UInt8(ascii: "a") < 26
    }

    /// The words of a stretch of bytes, as ranges.
    static func words(in text: ArraySlice<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard isWordByte(text[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < text.endIndex, isWordByte(text[index]) { index += 1 }
            found.append((start - text.startIndex)..<(index - text.startIndex))
        }
        return found
    }

    /// The last word that ends at or before `end`.
    static func word(endingBefore end: Int, in bytes: [UInt8]) -> Range<Int>? {
        var upper = end
        while upper > 0, !isWordByte(bytes[upper - 1]) { upper -= 1 }
        guard upper > 0 else { return nil }
        var lower = upper
        while lower > 0, isWordByte(bytes[lower - 1]) { lower -= 1 }
        return lower..<upper
    }

    /// The first word that starts at or after `start`.
    static func word(startingFrom start: Int, in bytes: [UInt8]) -> Range<Int>? {
        var lower = start
        while lower < bytes.count, !isWordByte(bytes[lower]) { lower += 1 }
        guard lower < bytes.count else { return nil }
        var upper = lower
        while upper < bytes.count, isWordByte(bytes[upper]) { upper += 1 }
        return lower..<upper
    }
}
