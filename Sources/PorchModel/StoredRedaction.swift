/// One span the PII stage replaced, with where it was in the original text and where its placeholder is now.
///
/// `start`/`end` are Unicode scalar offsets into the original text and `outputStart`/`outputEnd` into the
/// scrubbed text; both ranges are end exclusive. The matched text itself is never stored here.
public struct StoredRedaction: PlacedRedaction, Sendable, Equatable, Hashable, Codable {
    /// The rule id, e.g. `pii.phone.nanp`.
    public var rule: String
    /// The PII type, e.g. `PHONE`.
    public var type: String
    public var start: Int
    public var end: Int
    /// The text that stands in the scrubbed text, e.g. `[phone 1]`.
    public var placeholder: String
    public var outputStart: Int
    public var outputEnd: Int

    public init(
        rule: String, type: String, start: Int, end: Int, placeholder: String, outputStart: Int, outputEnd: Int
    ) {
        self.rule = rule
        self.type = type
        self.start = start
        self.end = end
        self.placeholder = placeholder
        self.outputStart = outputStart
        self.outputEnd = outputEnd
    }
}
