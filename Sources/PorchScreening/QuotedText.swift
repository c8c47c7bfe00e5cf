/// Where a post quotes someone: the spans between quotation marks, as offsets in the post's Unicode scalars (the
/// offsets every match carries).
///
/// Double marks pair as written (`"…"`, `“…”`, `«…»`, `„…“`). A single mark opens a quotation only where a word
/// starts (after a space, a line break or `(`, `[`, `:`, a dash) and closes one only where a word ends, so the
/// apostrophes of "don't", "Osagie's" and "the parents' group" are no quotation marks. A quotation never runs
/// past the end of its paragraph, and one left open there is no quotation.
enum QuotedText {
    static func ranges(in text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        var ranges: [Range<Int>] = []
        var open: (closer: Set<Unicode.Scalar>, at: Int, single: Bool)?
        func isWordStart(_ index: Int) -> Bool {
            guard index + 1 < scalars.count, !scalars[index + 1].properties.isWhitespace else { return false }
            guard index > 0 else { return true }
            let before = scalars[index - 1]
            return before.properties.isWhitespace || "([{:—–-".unicodeScalars.contains(before)
        }
        func isWordEnd(_ index: Int) -> Bool {
            guard index > 0, !scalars[index - 1].properties.isWhitespace else { return false }
            guard index + 1 < scalars.count else { return true }
            let after = scalars[index + 1]
            return after.properties.isWhitespace || ".,;:!?)]}—–-…".unicodeScalars.contains(after)
        }
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n", let current = open, index > 0, scalars[index - 1] == "\n" || current.single {
                // A paragraph ends (or a line, for single marks): an open quotation was an apostrophe or a slip.
                open = nil
                continue
            }
            if let current = open {
                guard current.closer.contains(scalar), !current.single || isWordEnd(index) else { continue }
                if index > current.at + 1 { ranges.append(current.at + 1..<index) }
                open = nil
                continue
            }
            switch scalar {
            case "\"": open = (["\""], index, false)
            case "“": open = (["”", "“"], index, false)
            case "„": open = (["“", "”"], index, false)
            case "«": open = (["»"], index, false)
            case "'", "‘":
                if isWordStart(index) { open = (["'", "’"], index, true) }
            default: break
            }
        }
        return ranges
    }
}
