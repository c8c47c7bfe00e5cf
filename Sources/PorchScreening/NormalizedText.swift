import PCRE2

/// A post's text prepared for matching, with a map from every normalized scalar back to the input, and the
/// prefilter's facts about it.
///
/// The lanes match against `subject` (the normalized text) and report spans in the input's Unicode scalar
/// offsets through `originalRange(ofBytes:)`, so a redaction lands exactly on what the member wrote.
public struct NormalizedText: Sendable {
    /// The input as given.
    public let original: String
    /// The normalized text as UTF-8, ready for PCRE2.
    public let subject: Subject
    /// What the prefilter knows of the normalized text (bytes here; words and listed words once the `Screener`
    /// has scanned it), for each rule's one question, `RulePlan.mayMatch`.
    public internal(set) var facts: PostFacts
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
        facts = PostFacts(of: subject.bytes)
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
