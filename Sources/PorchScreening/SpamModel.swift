import PorchModel
import PorchRules

/// The spam lane's learned keyword weights (`Rules/model/spam.tsv`): a logistic regression with a `suspect`
/// and a `spam` threshold chosen by cross-validation. It is also the starter a group's learning filter grows from.
public struct SpamModel: Sendable {
    public let model: LinearModel
    public let suspectThreshold: Double
    public let spamThreshold: Double
    /// How many of the features that weighed most a verdict lists.
    public static let explained = 5

    public init(file: WeightsFile) throws(RuleLoadError) {
        model = try LinearModel(file: file, column: "spam")
        suspectThreshold = try file.number("threshold.suspect")
        spamThreshold = try file.number("threshold.spam")
    }

    public func assess(_ features: HashedFeatures) -> SpamModelFinding {
        let probability = model.probability(features)
        let label: SpamLabel =
            probability >= spamThreshold ? .spam : probability >= suspectThreshold ? .suspect : .ham
        return SpamModelFinding(
            probability: probability, label: label,
            features: label == .ham ? [] : model.strongest(features, count: SpamModel.explained))
    }
}

/// What the spam lane's learned weights made of one post.
public struct SpamModelFinding: Sendable, Hashable {
    public let probability: Double
    public let label: SpamLabel
    /// The n-grams that weighed most toward spam, largest first (none for ham).
    public let features: [FeatureWeight]
}

/// What a group's learning filter (taught by its moderators) made of one post.
public struct LearnedSpamFinding: Sendable, Hashable {
    /// The probability the post is spam (chi-squared combining of its words' probabilities).
    public let probability: Double
    public let label: SpamLabel
    /// The words that counted most, with their spam probabilities, most telling first.
    public let words: [(word: String, probability: Double)]

    public init(probability: Double, label: SpamLabel, words: [(word: String, probability: Double)]) {
        self.probability = probability
        self.label = label
        self.words = words
    }

    public static func == (lhs: LearnedSpamFinding, rhs: LearnedSpamFinding) -> Bool {
        lhs.probability == rhs.probability && lhs.label == rhs.label && lhs.words.map(\.word) == rhs.words.map(\.word)
            && lhs.words.map(\.probability) == rhs.words.map(\.probability)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(probability)
        hasher.combine(label)
    }
}

extension SpamModelFinding {
    /// The same finding explained only by the features in `shown` (hashes from `HashedFeatures`).
    func explaining(only shown: Set<UInt64>) -> SpamModelFinding {
        SpamModelFinding(
            probability: probability, label: label, features: features.filter { shown.contains(FNV.hash($0.feature)) })
    }
}
