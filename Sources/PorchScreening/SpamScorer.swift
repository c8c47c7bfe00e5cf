import PCRE2
import PorchRules

/// The spam lane: each rule that matches adds its score once; at or above the threshold the post is spam.
public struct SpamScorer: Sendable {
    struct Entry: Sendable {
        let id: String
        let score: Double
        let matcher: CompiledMatcher
    }

    let entries: [Entry]
    public let threshold: Double

    public init(rules: RuleSet) throws(RuleLoadError) {
        var entries: [Entry] = []
        var problems: [RuleDiagnostic] = []
        for rule in rules.rules {
            guard case .spam(let score) = rule.kind else { continue }
            do {
                entries.append(Entry(id: rule.id, score: score, matcher: try CompiledMatcher(rule.matcher)))
            } catch {
                problems.append(RuleDiagnostic(compileError: error, rule: rule))
            }
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        self.entries = entries
        threshold = rules.spamThreshold
    }

    public func score(_ text: NormalizedText, matcher: Matcher) throws(HoldReason) -> SpamVerdict {
        var matches: [SpamMatch] = []
        for index in entries.indices {
            if let match = try firstMatch(of: index, in: text, matcher: matcher) { matches.append(match) }
        }
        let total = matches.reduce(0) { $0 + $1.score }
        return SpamVerdict(isSpam: total >= threshold, score: total, threshold: threshold, matches: matches)
    }

    func firstMatch(of index: Int, in text: NormalizedText, matcher: Matcher) throws(HoldReason) -> SpamMatch? {
        let entry = entries[index]
        guard entry.matcher.canMatch(text) else { return nil }
        do {
            guard let match = try matcher.firstMatch(of: entry.matcher.regex, in: text.subject) else { return nil }
            let range = text.originalRange(ofBytes: match.range)
            return SpamMatch(rule: entry.id, score: entry.score, start: range.lowerBound, end: range.upperBound)
        } catch {
            throw HoldReason(lane: "spam", rule: entry.id, message: error.description)
        }
    }
}
