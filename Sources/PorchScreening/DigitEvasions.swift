/// Evasions a member uses on purpose to get an identifier past a filter, undone before the PII rules run:
///
/// - a combining mark on a digit (`5́`, a keycap `5️⃣`): the digit stays, the mark goes (its place joins the
///   digit's, so a redaction of the digit takes the mark with it);
/// - the letter O for a zero inside a run of digits (`O7700 9OO123`): a token of digits and O's, four or more
///   long with at least two digits and no other letter touching it, reads with zeros;
/// - an address spelled with a space between every character (`j a n e @ g m a i l . c o m`): a run of eight
///   or more single characters holding an `@` is joined up. (Spaced digits are left to the rules, which read
///   them already: joining "1 2 3 4 5 6 7 8" would make a count into a number.)
///
/// Each function keeps `origins` (the input range of every scalar) in step with `scalars`.
enum DigitEvasions {
    /// True when a combining mark after `previous` belongs to a digit and should be dropped.
    static func isMarkOnDigit(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        guard let previous, ("0"..."9").contains(previous) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return scalar == "\u{FE0F}" || scalar == "\u{FE0E}"
        }
    }

    /// A quick test on the text's bytes: could `fold` change anything?
    static func mayApply(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0x20
        for byte in bytes {
            if (byte == UInt8(ascii: "O") || byte == UInt8(ascii: "o")) && isDigit(previous) { return true }
            if isDigit(byte) && (previous == UInt8(ascii: "O") || previous == UInt8(ascii: "o")) { return true }
            if byte == UInt8(ascii: "@") && previous == 0x20 { return true }
            previous = byte
        }
        return spacedRunStart(bytes) != nil
    }

    /// Applies the O-for-zero and spaced-out folds; true when something changed.
    static func fold(_ scalars: inout [Unicode.Scalar], _ origins: inout [Range<Int32>]) -> Bool {
        let zeros = foldLetterO(&scalars)
        let joined = joinSpacedRuns(&scalars, &origins)
        return zeros || joined
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isO(_ scalar: Unicode.Scalar) -> Bool { scalar == "O" || scalar == "o" }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }

    /// `O7700 9OO123` reads `07700 900123`: in a token of digits and O's, four or more long with two digits or
    /// more and no other letter next to it, every O is a zero. "10oz", "2 oo", "OO7" and "OK" stay.
    static func foldLetterO(_ scalars: inout [Unicode.Scalar]) -> Bool {
        var changed = false
        var start = 0
        while start < scalars.count {
            guard isDigit(scalars[start]) || isO(scalars[start]) else {
                start += 1
                continue
            }
            var end = start
            var digits = 0
            var letterOs = 0
            while end < scalars.count, isDigit(scalars[end]) || isO(scalars[end]) {
                if isDigit(scalars[end]) { digits += 1 } else { letterOs += 1 }
                end += 1
            }
            let touchesLetter =
                (start > 0 && isLetter(scalars[start - 1])) || (end < scalars.count && isLetter(scalars[end]))
            if letterOs > 0, digits >= 2, digits + letterOs >= 4, !touchesLetter {
                for index in start..<end where isO(scalars[index]) { scalars[index] = "0" }
                changed = true
            }
            start = end
        }
        return changed
    }

    /// A single character (letter, digit, `@`, `.`, `_`, `-`) standing alone between spaces.
    static func isSingle(_ bytes: [UInt8], _ index: Int) -> Bool {
        let byte = bytes[index]
        let isCharacter =
            (byte | 0x20) &- UInt8(ascii: "a") < 26 || isDigit(byte) || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        guard isCharacter else { return false }
        let before = index > 0 ? bytes[index - 1] : 0x20
        let after = index + 1 < bytes.count ? bytes[index + 1] : 0x20
        let spaceBefore = before == 0x20 && (after == 0x20 || after == 0x0A || after == UInt8(ascii: ","))
        return spaceBefore || (before == 0x0A && after == 0x20)
    }

    /// The first byte of a spaced-out run worth joining, if any (for the quick test).
    static func spacedRunStart(_ bytes: [UInt8]) -> Int? {
        spacedRuns(bytes).first?.lowerBound
    }

    /// Runs of eight or more single characters one space apart that hold an `@`.
    static func spacedRuns(_ bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] != 0x20, isSingle(bytes, index) else {
                index += 1
                continue
            }
            var last = index
            var count = 1
            var at = bytes[index] == UInt8(ascii: "@")
            while last + 2 < bytes.count, bytes[last + 1] == 0x20, bytes[last + 2] != 0x20, isSingle(bytes, last + 2) {
                last += 2
                count += 1
                if bytes[last] == UInt8(ascii: "@") { at = true }
            }
            if count >= 8, at { runs.append(index..<(last + 1)) }
            index = last + 1
        }
        return runs
    }

    /// Joins spaced-out runs (ASCII only, so bytes and scalars agree inside them): each dropped space's input
    /// range joins the character before it.
    static func joinSpacedRuns(_ scalars: inout [Unicode.Scalar], _ origins: inout [Range<Int32>]) -> Bool {
        // Work on an ASCII stand-in: non-ASCII scalars become '?' so positions match scalar offsets.
        let bytes = scalars.map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") }
        let runs = spacedRuns(bytes)
        guard !runs.isEmpty else { return false }
        for run in runs.reversed() {
            var kept: [Unicode.Scalar] = []
            var keptOrigins: [Range<Int32>] = []
            for index in run {
                if scalars[index] == " " {
                    let previous = keptOrigins.count - 1
                    keptOrigins[previous] = keptOrigins[previous].lowerBound..<origins[index].upperBound
                } else {
                    kept.append(scalars[index])
                    keptOrigins.append(origins[index])
                }
            }
            scalars.replaceSubrange(run, with: kept)
            origins.replaceSubrange(run, with: keptOrigins)
        }
        return true
    }
}
