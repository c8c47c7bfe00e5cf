import PorchModel
import PorchRules

/// One identifying detail that was replaced: which rule, what type, where in the input and in the output.
public struct Redaction: PlacedRedaction, Sendable, Hashable {
    public let rule: String
    public let type: String
    /// The placeholder written in its place, e.g. `[phone 1]`.
    public let placeholder: String
    /// Unicode scalar offsets in the input text, end exclusive.
    public let start: Int
    public let end: Int
    /// Unicode scalar offsets of the placeholder in the scrubbed text.
    public let outputStart: Int
    public let outputEnd: Int
}

/// One crisis rule that matched, with the context that changed how it reads.
public struct CrisisMatch: Sendable, Hashable {
    public let rule: String
    public let category: String
    /// The rule's own level.
    public let ruleLevel: CrisisLevel
    /// The level after context: lowered one step by negation, past, someone else, hypothetical or media;
    /// `none` for an idiom. A lowered match stays listed so a moderator sees it.
    public let level: CrisisLevel
    /// The context cues that applied, e.g. `negation`.
    public let context: [ContextKind]
    /// The cue rules that applied.
    public let contextRules: [String]
    public let start: Int
    public let end: Int
}

/// The crisis lane's verdict.
public struct CrisisVerdict: Sendable {
    /// The higher of the rules' level and the learned model's (after context cues).
    public let level: CrisisLevel
    public let categories: [String]
    public let matches: [CrisisMatch]
    /// What the learned weights made of the post, when the rules folder has `model/crisis.tsv`.
    public internal(set) var model: CrisisModelFinding? = nil

    /// The level the rules alone reached.
    public var ruleLevel: CrisisLevel { matches.map(\.level).max() ?? .none }
}

/// One spam rule that scored.
public struct SpamMatch: Sendable, Hashable {
    public let rule: String
    public let score: Double
    public let start: Int
    public let end: Int
    /// Found only inside the quotation marks of a post that warns of what it quotes: it scores nothing
    /// (`SpamScorer`).
    public var quoted = false
}

/// The spam lane's verdict: the rules' score, the learned weights and, once a group has one, the filter its
/// moderators taught; the highest of their labels wins.
public struct SpamVerdict: Sendable {
    public var isSpam: Bool { label == .spam }
    public private(set) var label: SpamLabel
    /// The sum of the scores of the rules that matched.
    public let score: Double
    public let threshold: Double
    /// The rules' score at or above which a post is `suspect`.
    public let suspectThreshold: Double
    public let matches: [SpamMatch]
    /// What the learned weights made of the post, when the rules folder has `model/spam.tsv`.
    public internal(set) var model: SpamModelFinding?
    /// What the group's learning filter made of it (set by the pipeline, which knows the group).
    public private(set) var learned: LearnedSpamFinding?
    /// True when a `warning` rule matched outside quotation marks: the post warns of a scam, so the learned
    /// readings, which weigh its words and not what it does with them, raise it to `suspect` at most.
    public let warned: Bool
    /// What `porch scan` and `porch queue show` add to the weights' line of a warned post the weights call spam.
    public static let warnedNote = "the post warns of a scam: raised to suspect at most"

    public init(
        score: Double, threshold: Double, suspectThreshold: Double, matches: [SpamMatch],
        model: SpamModelFinding? = nil, learned: LearnedSpamFinding? = nil, warned: Bool = false
    ) {
        self.score = score
        self.threshold = threshold
        self.suspectThreshold = suspectThreshold
        self.matches = matches
        self.model = model
        self.learned = learned
        self.warned = warned
        label = .ham
        label = combinedLabel
    }

    /// The label the rules alone give.
    public var ruleLabel: SpamLabel {
        score >= threshold ? .spam : score >= suspectThreshold && !matches.isEmpty ? .suspect : .ham
    }

    /// The higher label of the learned readings: the weights and the group's filter.
    var learnedLabel: SpamLabel { max(model?.label ?? .ham, learned?.label ?? .ham) }

    var combinedLabel: SpamLabel {
        if agreed { return .spam }
        return max(ruleLabel, warned ? min(learnedLabel, .suspect) : learnedLabel)
    }

    /// True when the rules and the learned readings each call the post suspect (and neither spam): two readers that
    /// look at different things (what the post does, and the words it is made of) agree, and together that is spam.
    /// Never for a post that warns of a scam.
    public var agreed: Bool {
        !warned && ruleLabel == .suspect && learnedLabel == .suspect
    }

    /// What `porch scan`, `porch queue show` and the review say of a post the two readers agreed on.
    public static let agreedNote = "the rules and the learned weights both read it as suspect: together, spam"

    /// The same verdict with the group's learning filter's reading added.
    public func adding(learned finding: LearnedSpamFinding) -> SpamVerdict {
        var verdict = self
        verdict.learned = finding
        verdict.label = verdict.combinedLabel
        return verdict
    }
}

/// Why a post must wait for a human: a privacy stage could not finish.
public struct HoldReason: Sendable, Hashable, CustomStringConvertible {
    public let lane: String
    public let rule: String?
    public let message: String

    public var description: String {
        let rule = rule.map { " rule \($0)" } ?? ""
        return "\(lane) lane\(rule): \(message); the post is held for a moderator"
    }
}

/// The result of the PII lane alone.
public struct ScrubResult: Sendable {
    /// The text with every redaction replaced by its placeholder; nil when the post is held.
    public let text: String?
    public let redactions: [Redaction]
    public let hold: HoldReason?
}

/// Everything the pipeline decided about one post.
public struct Verdict: Sendable {
    public let scrub: ScrubResult
    public let crisis: CrisisVerdict
    public let spam: SpamVerdict
    /// The group's resources for the post's region, for posts with a crisis or concern flag.
    public let resources: [Resource]

    /// Set when any stage could not finish: the post waits for a human.
    public var hold: HoldReason? { scrub.hold ?? crisisHold ?? spamHold }
    public let crisisHold: HoldReason?
    public let spamHold: HoldReason?

    /// The same verdict with the group's learning spam filter's reading added to the spam lane (which can raise
    /// its label, never lower it).
    public func adding(learned finding: LearnedSpamFinding) -> Verdict {
        Verdict(
            scrub: scrub, crisis: crisis, spam: spam.adding(learned: finding), resources: resources,
            crisisHold: crisisHold, spamHold: spamHold)
    }
}

extension ScrubResult {
    /// Where an input range lies in the scrubbed text: shifted by the placeholders before it, and widened to
    /// a whole placeholder where it starts or ends inside a redaction.
    public func outputRange(ofInput start: Int, _ end: Int) -> Range<Int> {
        redactions.outputRange(ofInput: start, end)
    }
}
