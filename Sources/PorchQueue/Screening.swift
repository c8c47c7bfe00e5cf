import PorchModel

/// What the screening stages made of one text: the scrubbed text, its redactions and the lanes' verdicts.
///
/// The queue stores these as given; it never screens anything itself.
public struct Screening: Sendable, Equatable {
    /// The text after the PII stage: what a moderator reads and the feed publishes.
    public var scrubbedText: String
    /// The text that was screened. Kept only while the post is undecided.
    public var originalText: String
    public var redactions: [StoredRedaction]
    /// The crisis and spam rules that matched, by their offsets in `originalText`; the queue places them in the
    /// scrubbed text itself (their output offsets here are not read).
    public var matches: [RuleMatch]
    public var crisisLevel: CrisisLevel
    public var crisisCategories: [String]
    public var spamVerdict: SpamLabel
    public var spamScore: Double
    /// The distinct words of the scrubbed text, which a decision teaches the group's spam filter.
    public var spamWords: [String]
    /// The full screening verdict as JSON, for display. Opaque to the queue.
    public var verdictJSON: String
    /// Why a privacy stage failed (match limit, undecodable input); non-nil holds the post for a human.
    public var heldReason: String?
    /// What was hidden in the screened text and shown or removed before screening (counts only, never the hidden
    /// text), or nil when nothing was: a moderator sees that something was there.
    public var hiddenNote: String?

    public init(
        scrubbedText: String, originalText: String, redactions: [StoredRedaction] = [], matches: [RuleMatch] = [],
        crisisLevel: CrisisLevel = .none, crisisCategories: [String] = [], spamVerdict: SpamLabel = .ham,
        spamScore: Double = 0, spamWords: [String] = [], verdictJSON: String = "{}", heldReason: String? = nil,
        hiddenNote: String? = nil
    ) {
        self.spamWords = spamWords
        self.scrubbedText = scrubbedText
        self.originalText = originalText
        self.redactions = redactions
        self.matches = matches
        self.crisisLevel = crisisLevel
        self.crisisCategories = crisisCategories
        self.spamVerdict = spamVerdict
        self.spamScore = spamScore
        self.verdictJSON = verdictJSON
        self.heldReason = heldReason
        self.hiddenNote = hiddenNote
    }

    /// Checks that every redaction's offsets fall inside the texts; returns the problem, or nil when sound.
    func problem() -> String? {
        let originalCount = originalText.unicodeScalars.count
        let scrubbedCount = scrubbedText.unicodeScalars.count
        for (index, redaction) in redactions.enumerated() {
            guard 0 <= redaction.start, redaction.start <= redaction.end, redaction.end <= originalCount else {
                return "redaction \(index + 1) (\(redaction.rule)) has offsets \(redaction.start)..<\(redaction.end)"
                    + " outside the original text (\(originalCount) scalars)"
            }
            guard 0 <= redaction.outputStart, redaction.outputStart <= redaction.outputEnd,
                redaction.outputEnd <= scrubbedCount
            else {
                return "redaction \(index + 1) (\(redaction.rule)) has output offsets"
                    + " \(redaction.outputStart)..<\(redaction.outputEnd) outside the scrubbed text"
                    + " (\(scrubbedCount) scalars)"
            }
        }
        for (index, match) in matches.enumerated()
        where !(0 <= match.start && match.start <= match.end && match.end <= originalCount) {
            return "\(match.lane) match \(index + 1) (\(match.rule)) has offsets \(match.start)..<\(match.end)"
                + " outside the original text (\(originalCount) scalars)"
        }
        if !spamScore.isFinite { return "the spam score is not a finite number" }
        if spamWords.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            return "a spam filter word is empty or holds a space"
        }
        if hiddenNote?.isEmpty == true { return "the note of what was hidden is empty" }
        return nil
    }
}
