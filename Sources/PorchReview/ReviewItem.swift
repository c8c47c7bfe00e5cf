import Foundation
import PorchModel

/// One queued post as the review screen sees it: scrubbed text, its flags and why each was raised.
public struct ReviewItem: Sendable, Equatable {
    public var id: Int64
    /// Bumped by the store on every change; a decision names the version it was made against.
    public var version: Int
    public var state: PostState
    public var level: CrisisLevel
    public var categories: [String]
    public var alias: String
    public var receivedAt: Date
    /// The scrubbed text: redactions already replaced by their placeholders.
    public var text: String
    public var highlights: [Highlight]
    public var heldReason: String?
    public var spamScore: Double
    /// The spam lane's verdict: `ham`, `suspect` (look twice) or `spam`.
    public var spamVerdict: SpamLabel
    /// Notes shown in the post view, one line each: what was hidden in the text (counts only), and what the
    /// learned parts of the verdict say (the weights' levels and the n-grams that weighed most, the group's spam
    /// filter's probability).
    public var modelNotes: [String]
    /// Crisis resources for the group's region, shown beside crisis posts.
    public var resources: [Resource]

    public init(
        id: Int64, version: Int, state: PostState, level: CrisisLevel = .none, categories: [String] = [],
        alias: String, receivedAt: Date, text: String, highlights: [Highlight] = [], heldReason: String? = nil,
        spamScore: Double = 0, spamVerdict: SpamLabel = .ham, modelNotes: [String] = [], resources: [Resource] = []
    ) {
        self.spamVerdict = spamVerdict
        self.modelNotes = modelNotes
        self.id = id
        self.version = version
        self.state = state
        self.level = level
        self.categories = categories
        self.alias = alias
        self.receivedAt = receivedAt
        self.text = text
        self.highlights = highlights
        self.heldReason = heldReason
        self.spamScore = spamScore
        self.resources = resources
    }

    /// Number of redactions in the text.
    public var redactionCount: Int { highlights.count { $0.kind == .redaction } }
}

/// A span of the scrubbed text that a rule produced or matched, with the rule that explains it.
public struct Highlight: Sendable, Equatable {
    public var kind: HighlightKind
    /// Unicode scalar offsets into `ReviewItem.text`, end exclusive.
    public var range: Range<Int>
    public var rule: String
    /// The redaction type or the category, e.g. "PHONE" or "suicide".
    public var label: String

    public init(kind: HighlightKind, range: Range<Int>, rule: String, label: String) {
        self.kind = kind
        self.range = range
        self.rule = rule
        self.label = label
    }
}

/// Which lane a highlight comes from.
public enum HighlightKind: String, Sendable, Equatable {
    case redaction, crisis, spam
}
