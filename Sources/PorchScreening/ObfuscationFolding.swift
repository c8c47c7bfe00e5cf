import PCRE2

/// A second view of a post for the crisis lane, with the common ways of writing around filters undone.
///
/// Folds, on ASCII only and keeping a map back to the normalized text:
/// - look-alike digits and symbols inside a word to letters (`su1c1dal`, `k!ll mys3lf`, `$uicide`);
/// - a capital `I` after a lower-case letter to `l` (`kiII`);
/// - three or more single letters split by spaces, dots, dashes or underscores joined into one word
///   (`s u i c i d e`, `k.m.s`).
/// The view exists only when folding changed something, so ordinary posts cost one pass over their bytes.
struct ObfuscationFolding: Sendable {
    /// The folded text, valid UTF-8.
    let subject: Subject
    /// What the prefilter knows of the folded text (bytes; words once the crisis lane has scanned it).
    var facts: PostFacts
    /// For each folded byte, the byte offset in the normalized subject it came from.
    private let origins: [Int32]

    /// The normalized byte range a folded byte range came from.
    func normalizedRange(ofBytes bytes: Range<Int>) -> Range<Int> {
        guard !bytes.isEmpty else {
            let at = bytes.lowerBound < origins.count ? Int(origins[bytes.lowerBound]) : Int(origins.last ?? -1) + 1
            return at..<at
        }
        return Int(origins[bytes.lowerBound])..<Int(origins[bytes.upperBound - 1]) + 1
    }

    /// The folded view of `subject`, or nil when there is nothing to fold.
    static func fold(_ subject: Subject) -> ObfuscationFolding? {
        let bytes = subject.bytes
        guard !bytes.isEmpty else { return nil }
        var output = bytes
        var changed = false

        // Pass 1: one-for-one replacements inside words.
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "I"), index > 0, isLower(output[index - 1]) {
                output[index] = UInt8(ascii: "l")
                changed = true
            } else if let letter = leetLetter(byte), shouldFold(at: index, in: bytes) {
                output[index] = letter
                changed = true
            }
            index += 1
        }

        // Pass 2: join runs of single letters split by one separator ("s u i c i d e").
        var keep = [Bool](repeating: true, count: bytes.count)
        index = 0
        while index < output.count {
            guard isSingleLetter(at: index, in: output) else {
                index += 1
                continue
            }
            var letters = [index]
            var next = index + 2
            while next < output.count, isSeparator(output[next - 1]), isSingleLetter(at: next, in: output) {
                letters.append(next)
                next += 2
            }
            if letters.count >= 3 {
                for letter in letters.dropLast() { keep[letter + 1] = false }
                changed = true
                index = letters.last! + 1
            } else {
                index += 1
            }
        }
        guard changed else { return nil }

        var folded: [UInt8] = []
        var origins: [Int32] = []
        folded.reserveCapacity(output.count)
        origins.reserveCapacity(output.count)
        for (offset, byte) in output.enumerated() where keep[offset] {
            folded.append(byte)
            origins.append(Int32(offset))
        }
        return ObfuscationFolding(subject: Subject(bytes: folded), facts: PostFacts(of: folded), origins: origins)
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    static func leetLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0"): return UInt8(ascii: "o")
        case UInt8(ascii: "1"), UInt8(ascii: "!"): return UInt8(ascii: "i")
        case UInt8(ascii: "3"): return UInt8(ascii: "e")
        case UInt8(ascii: "4"), UInt8(ascii: "@"): return UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): return UInt8(ascii: "s")
        case UInt8(ascii: "7"): return UInt8(ascii: "t")
        case UInt8(ascii: "|"): return UInt8(ascii: "l")
        default: return nil
        }
    }

    static func isLeetOrLetter(_ byte: UInt8) -> Bool { isLetter(byte) || leetLetter(byte) != nil }

    /// A look-alike counts as a letter between letters, at a word's start before three letters
    /// (`0verdose`, not `3am`), or at its end after two letters (`di3`, not `x3`); `!` only between letters.
    static func shouldFold(at index: Int, in bytes: [UInt8]) -> Bool {
        let before = index > 0 ? bytes[index - 1] : 0x20
        let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
        let letterBefore = isLetter(before) || (index > 1 && leetLetter(before) != nil && isLetter(bytes[index - 2]))
        let letterAfter =
            isLetter(after) || (index + 2 < bytes.count && leetLetter(after) != nil && isLetter(bytes[index + 2]))
        if letterBefore && letterAfter { return true }
        if bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: "|") { return false }
        if !isLeetOrLetter(before) && before < 0x80, index + 3 < bytes.count {
            return isLetter(bytes[index + 1]) && isLetter(bytes[index + 2]) && isLetter(bytes[index + 3])
        }
        if !isLeetOrLetter(after) && after < 0x80 && !(after >= 0x30 && after <= 0x39), index >= 2 {
            return isLetter(bytes[index - 1]) && isLetter(bytes[index - 2])
                && bytes[index] != UInt8(ascii: "$") && bytes[index] != UInt8(ascii: "@")
        }
        return false
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// A letter standing alone between separators or word edges.
    static func isSingleLetter(at index: Int, in bytes: [UInt8]) -> Bool {
        guard index < bytes.count, isLetter(bytes[index]) else { return false }
        let before = index > 0 ? bytes[index - 1] : 0x20
        let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
        return !isLetter(before) && before < 0x80 && !(before >= 0x30 && before <= 0x39) && before != UInt8(ascii: "'")
            && !isLetter(after) && after < 0x80 && !(after >= 0x30 && after <= 0x39) && after != UInt8(ascii: "'")
    }
}
