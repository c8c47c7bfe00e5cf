import Foundation
import PorchModel
import PorchRules

/// The arithmetic of a group's learning spam filter: SpamBayes-style chi-squared combining of word
/// probabilities (Robinson's smoothing, Fisher's method), over the distinct words of a post's scrubbed text.
///
/// Each word seen in training gets a spam probability from how many spam and ham posts held it, pulled toward
/// 0.5 when it was seen rarely; the most telling words (at most `maxWords`, each at least `minStrength` from
/// 0.5) are combined into one probability. Pure: the counts come from the group's database.
public enum ChiSquaredSpamFilter {
    /// Robinson's `s` (how strongly a rare word is pulled to `x`) and `x` (a new word's probability).
    public static let strength = 0.45
    public static let unknown = 0.5
    public static let minStrength = 0.1
    public static let maxWords = 150
    /// At or above: `suspect`; at or above `spamCutoff`: `spam`.
    public static let suspectCutoff = 0.9
    public static let spamCutoff = 0.99
    /// Below this many taught posts of either kind the filter only reports, it gives no label.
    public static let minimumPosts = 20
    /// How many words a verdict lists.
    public static let explained = 5

    /// The distinct words of a text, sorted: what the filter is taught and scores.
    public static func words(of text: String) -> [String] {
        Array(Set(ModelFeatures.tokens(text))).sorted()
    }

    /// The filter's reading of a post's words, given the taught totals and each word's counts.
    public static func assess(
        words: [String], spamPosts: Int, hamPosts: Int, counts: (String) -> (spam: Int, ham: Int)?
    ) -> LearnedSpamFinding {
        var clues: [(word: String, probability: Double)] = []
        for word in Set(words) {
            guard let (spam, ham) = counts(word), spam + ham > 0 else { continue }
            let spamRatio = spamPosts > 0 ? min(1, Double(spam) / Double(spamPosts)) : 0
            let hamRatio = hamPosts > 0 ? min(1, Double(ham) / Double(hamPosts)) : 0
            guard spamRatio + hamRatio > 0 else { continue }
            let raw = spamRatio / (spamRatio + hamRatio)
            let seen = Double(spam + ham)
            let probability = (strength * unknown + seen * raw) / (strength + seen)
            if abs(probability - 0.5) >= minStrength { clues.append((word, probability)) }
        }
        clues.sort { (abs($0.probability - 0.5), $1.word) > (abs($1.probability - 0.5), $0.word) }
        clues = Array(clues.prefix(maxWords))
        let probability = combine(clues.map(\.probability))
        let trained = spamPosts >= minimumPosts && hamPosts >= minimumPosts
        let label: SpamLabel =
            !trained ? .ham : probability >= spamCutoff ? .spam : probability >= suspectCutoff ? .suspect : .ham
        return LearnedSpamFinding(probability: probability, label: label, words: Array(clues.prefix(explained)))
    }

    /// Fisher's combining of word probabilities into one: 0.5 with no clues.
    static func combine(_ probabilities: [Double]) -> Double {
        guard !probabilities.isEmpty else { return 0.5 }
        var hamLog = 0.0
        var spamLog = 0.0
        for p in probabilities {
            let p = min(max(p, 1e-6), 1 - 1e-6)
            spamLog += log(1 - p)
            hamLog += log(p)
        }
        let n = probabilities.count
        let spamness = 1 - chiSquaredQ(-2 * spamLog, degrees: 2 * n)
        let hamness = 1 - chiSquaredQ(-2 * hamLog, degrees: 2 * n)
        return (spamness - hamness + 1) / 2
    }

    /// The probability that a chi-squared variable with `degrees` (even) degrees of freedom is at least `value`.
    static func chiSquaredQ(_ value: Double, degrees: Int) -> Double {
        let m = value / 2
        var term = exp(-m)
        var sum = term
        if degrees / 2 > 1 {
            for i in 1..<(degrees / 2) {
                term *= m / Double(i)
                sum += term
            }
        }
        return min(sum, 1)
    }
}

/// The starter of a group's learning spam filter (`Rules/model/spam-starter.tsv`): the taught totals and each
/// word's spam and ham counts, built from labelled posts by `scripts/train-spam-model.py`.
public struct SpamStarter: Sendable {
    public let spamPosts: Int
    public let hamPosts: Int
    public let words: [(word: String, spam: Int, ham: Int)]

    public init(text: String) throws(RuleLoadError) {
        let file = try WeightsFile(name: "spam-starter.tsv", text: text)
        let spamColumn = try file.column("spam")
        let hamColumn = try file.column("ham")
        spamPosts = Int(try file.number("posts.spam"))
        hamPosts = Int(try file.number("posts.ham"))
        var words: [(String, Int, Int)] = []
        for row in 0..<file.count {
            let name = file.name(row)
            guard let counts = file.weights(of: name) else { continue }
            words.append((name, Int(counts[spamColumn]), Int(counts[hamColumn])))
        }
        self.words = words
    }
}
