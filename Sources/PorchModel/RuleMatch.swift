/// One crisis or spam rule that matched a post, as the queue stores it beside the post's redactions.
///
/// `start`/`end` are Unicode scalar offsets into the screened text; `outputStart`/`outputEnd` into the scrubbed
/// text, where a moderator sees the match highlighted (nil when the post is held and has no scrubbed text). Both
/// ranges are end exclusive. The matched text itself is never stored here.
public struct RuleMatch: Sendable, Equatable, Hashable {
    /// The lane whose rule matched.
    public enum Lane: String, Sendable, CaseIterable {
        case crisis
        case spam
    }

    public var lane: Lane
    /// The rule id, e.g. `crisis.suicide.plan`.
    public var rule: String
    /// Crisis: the category the rule flags (e.g. `suicide`).
    public var category: String?
    /// Crisis: the level this match gave, after the context cues.
    public var level: CrisisLevel?
    /// Crisis: the context cues that lowered it (e.g. `negated`, `past`).
    public var context: [String]
    /// Spam: the score the rule added.
    public var score: Double?
    public var start: Int
    public var end: Int
    public var outputStart: Int?
    public var outputEnd: Int?

    public init(
        lane: Lane, rule: String, category: String? = nil, level: CrisisLevel? = nil, context: [String] = [],
        score: Double? = nil, start: Int, end: Int, outputStart: Int? = nil, outputEnd: Int? = nil
    ) {
        self.lane = lane
        self.rule = rule
        self.category = category
        self.level = level
        self.context = context
        self.score = score
        self.start = start
        self.end = end
        self.outputStart = outputStart
        self.outputEnd = outputEnd
    }
}
