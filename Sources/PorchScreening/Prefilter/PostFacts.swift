import PCRE2

/// What the prefilter reads in one text, once, for every rule to ask of (`RulePlan.mayMatch`): which bytes it
/// holds, which pairs of kinds of byte follow each other, its longest run of ASCII digits, and, once the screener's
/// prefilter has scanned it, which rules' required words and which lists' words it holds.
public struct PostFacts: Sendable {
    let bytes: ByteSet
    let pairs: UInt64
    let longestDigitRun: Int
    /// The required words found (nil: not scanned; every word is taken as present).
    var keywordHits: KeywordHits?
    /// The lists with a word here (nil: not scanned; every list is taken as present).
    var listHits: ListHits?

    /// The facts that need no scanner: bytes, pairs and digit runs.
    init(of text: [UInt8]) {
        (bytes, pairs, longestDigitRun) = text.withUnsafeBufferPointer { text in
            var longest = 0
            var run = 0
            for byte in text {
                run = byte &- UInt8(ascii: "0") < 10 ? run + 1 : 0
                longest = max(longest, run)
            }
            return (ByteSet(of: text), BytePairs.of(text), longest)
        }
    }
}
