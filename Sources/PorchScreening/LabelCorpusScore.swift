/// One post of a labelled crisis or spam corpus (the formats of `dev-crisis.jsonl` and `dev-spam.jsonl`).
public struct LabelledPost: Sendable {
    public let id: String
    public let text: String
    /// crisis, concern or none; or spam or ham.
    public let label: String
    /// The crisis category (crisis corpora only; "none" for none).
    public let category: String?
    public let tag: String?

    public init(id: String, text: String, label: String, category: String?, tag: String?) {
        self.id = id
        self.text = text
        self.label = label
        self.category = category
        self.tag = tag
    }
}

/// Which lane a labelled corpus measures.
public enum LabelledLane: String, Sendable {
    case crisis, spam

    /// The labels that a flag should catch.
    var positives: Set<String> { self == .crisis ? ["crisis", "concern"] : ["spam"] }
}

/// The crisis or spam lane's score on a labelled corpus: recall per label, category and tag for the posts
/// a flag should catch, false positives per tag for the others. Crisis counts a crisis or concern flag as
/// caught, and reports false positives as flagged crisis (the flag that interrupts a moderator) and flagged
/// at all.
public struct LabelCorpusScore: Sendable {
    /// What the lane decided for one post.
    public struct Outcome: Sendable {
        public let post: String
        public let label: String
        public let category: String?
        public let tag: String?
        /// crisis, concern or none; or spam or ham; or held.
        public let decided: String
        /// The rules that fired.
        public let rules: [String]

        /// Whether the post was flagged at all (a held post counts as flagged: a human sees it).
        public var flagged: Bool { decided != "none" && decided != "ham" }
    }

    /// A count out of a total.
    public struct Tally: Sendable {
        public var total = 0
        public var hits = 0
        public var rate: Double? { total == 0 ? nil : Double(hits) / Double(total) }
    }

    public let lane: LabelledLane
    public let outcomes: [Outcome]

    public init(lane: LabelledLane, posts: [LabelledPost], verdicts: [Verdict]) {
        precondition(posts.count == verdicts.count, "one verdict per post")
        self.lane = lane
        outcomes = zip(posts, verdicts).map { post, verdict in
            let decided: String
            let rules: [String]
            switch lane {
            case .crisis:
                decided = verdict.crisisHold != nil ? "held" : verdict.crisis.level.rawValue
                rules = verdict.crisis.matches.filter { $0.level > .none }.map(\.rule)
            case .spam:
                decided = verdict.spamHold != nil ? "held" : verdict.spam.isSpam ? "spam" : "ham"
                rules = verdict.spam.matches.map(\.rule)
            }
            return Outcome(
                post: post.id, label: post.label, category: post.category, tag: post.tag, decided: decided,
                rules: Array(Set(rules)).sorted())
        }
    }

    /// Whether an outcome counts as caught (positives) or as a false positive (the rest).
    public func isPositive(_ outcome: Outcome) -> Bool { lane.positives.contains(outcome.label) }

    /// Recall rows: by label, by category and by tag, over the posts a flag should catch.
    public func recall() -> [(group: String, tally: Tally)] {
        let positives = outcomes.filter(isPositive)
        var rows: [(String, Tally)] = []
        rows += LabelCorpusScore.group(positives, by: { "label " + $0.label }, hit: \.flagged)
        if lane == .crisis {
            rows += LabelCorpusScore.group(positives, by: { "category " + ($0.category ?? "-") }, hit: \.flagged)
        }
        rows += LabelCorpusScore.group(positives, by: { "tag " + ($0.tag ?? "-") }, hit: \.flagged)
        return rows
    }

    /// False-positive rows by tag over the posts that should stay unflagged: flagged at all, and (crisis) flagged
    /// crisis.
    public func falsePositives() -> [(group: String, flagged: Tally, crisis: Tally)] {
        let negatives = outcomes.filter { !isPositive($0) }
        let flagged = Dictionary(
            uniqueKeysWithValues: LabelCorpusScore.group(negatives, by: { $0.tag ?? "-" }, hit: \.flagged))
        let crisis = Dictionary(
            uniqueKeysWithValues: LabelCorpusScore.group(
                negatives, by: { $0.tag ?? "-" }, hit: { $0.decided == "crisis" }))
        var all = Tally()
        var allCrisis = Tally()
        for outcome in negatives {
            all.total += 1
            allCrisis.total += 1
            if outcome.flagged { all.hits += 1 }
            if outcome.decided == "crisis" { allCrisis.hits += 1 }
        }
        return flagged.keys.sorted().map { ("tag " + $0, flagged[$0]!, crisis[$0]!) } + [("ALL", all, allCrisis)]
    }

    static func group(_ outcomes: [Outcome], by key: (Outcome) -> String, hit: (Outcome) -> Bool) -> [(String, Tally)] {
        var tallies: [String: Tally] = [:]
        for outcome in outcomes {
            tallies[key(outcome), default: Tally()].total += 1
            if hit(outcome) { tallies[key(outcome), default: Tally()].hits += 1 }
        }
        return tallies.keys.sorted().map { ($0, tallies[$0]!) }
    }
}
