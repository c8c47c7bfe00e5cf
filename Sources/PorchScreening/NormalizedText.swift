import PCRE2

/// A post's text prepared for matching, with a map from every normalized scalar back to the input.
///
/// The lanes match against `subject` (the normalized text) and report spans in the input's Unicode scalar
/// offsets through `originalRange(ofBytes:)`, so a redaction lands exactly on what the member wrote.
public struct NormalizedText: Sendable {
    /// The input as given.
    public let original: String
    /// The normalized text as UTF-8, ready for PCRE2.
    public let subject: Subject
    /// The bytes that occur in the normalized text, to skip rules that cannot match.
    public let bytePresence: ByteSet
    /// The kinds of byte that stand next to each other in the normalized text (`BytePairs`), to skip rules
    /// whose matches hold a pair it lacks.
    public let bytePairs: UInt64
    /// The most ASCII digits in a row in the normalized text, to skip rules whose matches hold more.
    public let longestDigitRun: Int
    /// The rules' required words found in the normalized text (set by the `Screener`), to skip rules too.
    public internal(set) var keywordHits: KeywordHits?
    /// The rules' word lists with a word in the normalized text (set by the `Screener`), to skip PII rules too.
    public internal(set) var listHits: ListHits?
    /// Set when normalization could not finish: the post must be held, not scrubbed.
    public internal(set) var hold: HoldReason?
    /// For each normalized scalar, the input scalar range it came from; empty when the text was not changed.
    private let origins: [Range<Int32>]

    init(original: String, normalizedScalars: [Unicode.Scalar]?, origins: [Range<Int32>]) {
        self.original = original
        if let normalizedScalars {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: normalizedScalars)
            subject = Subject(String(text))
            self.origins = origins
        } else {
            subject = Subject(original)
            self.origins = []
        }
        (bytePresence, bytePairs, longestDigitRun) = subject.bytes.withUnsafeBufferPointer { bytes in
            var longest = 0
            var run = 0
            for byte in bytes {
                run = byte &- UInt8(ascii: "0") < 10 ? run + 1 : 0
                longest = max(longest, run)
            }
            return (ByteSet(of: bytes), BytePairs.of(bytes), longest)
        }
    }

    /// True when normalization changed nothing, so normalized and input offsets agree.
    public var isIdentity: Bool { origins.isEmpty }

    /// The normalized text.
    public var text: String { subject.text(0..<subject.bytes.count) }

    /// The input scalar range a normalized byte range came from.
    public func originalRange(ofBytes bytes: Range<Int>) -> Range<Int> {
        let scalars = subject.scalarRange(bytes)
        guard !origins.isEmpty else { return scalars }
        if scalars.isEmpty {
            let at = scalars.lowerBound < origins.count ? Int(origins[scalars.lowerBound].lowerBound) : originalCount
            return at..<at
        }
        return Int(origins[scalars.lowerBound].lowerBound)..<Int(origins[scalars.upperBound - 1].upperBound)
    }

    /// The number of Unicode scalars in the input.
    public var originalCount: Int {
        origins.isEmpty ? subject.scalarCount : Int(origins.last?.upperBound ?? 0)
    }
}
