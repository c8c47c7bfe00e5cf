import PCRE2
import PorchRules

/// The spam lane: each rule that matches adds its score once; at or above the threshold the post is spam, at or
/// above the suspect threshold it is suspect; the learned weights can raise the label, never lower it.
///
/// A member warning about a scam often quotes it ("Is this a scam? 'Congratulations, you've won a hamper, enter
/// your card details'"). While a `warning` rule matches outside quotation marks (`QuotedText`) and no rule that
/// scores matches there too, what the other rules found only inside the quotation marks is the scam being warned
/// of: those matches stay in the verdict, marked `quoted`, and score nothing. One spam signal outside the quotation
/// marks (a contact, a link, a sales line) and every match counts as usual. A post with a warning outside quotation
/// marks is `warned`: the learned weights and the group's filter raise it to `suspect` at most, so only its rules
/// make it spam.
///
/// A rule whose pattern has a named group `repeatN` (N from 2 to 9) scores only when the text that group
/// captures, compared ignoring case, occurs N or more times: that is how a rule file says "the same sentence
/// or keyword over and over" without a back-reference scanning the whole post.
public struct SpamScorer: Sendable {
    struct Entry: Sendable {
        let id: String
        let score: Double
        /// Finds a member warning about a scam (see the type's comment).
        let warning: Bool
        var plan: RulePlan
        /// The `repeatN` group and N, for repetition rules.
        let repeatGroup: (group: Int, times: Int)?

        init(id: String, score: Double, warning: Bool, plan: RulePlan) {
            self.id = id
            self.score = score
            self.warning = warning
            self.plan = plan
            repeatGroup =
                plan.regex.groupNames.lazy.compactMap { name, group -> (Int, Int)? in
                    guard name.count == 7, name.hasPrefix("repeat"), let times = Int(name.dropFirst(6)), times >= 2
                    else { return nil }
                    return (group, times)
                }.first
        }
    }

    var entries: [Entry]
    /// Each rule's place in `entries`, by id.
    let entryIndex: [String: Int]
    public let threshold: Double
    public let suspectThreshold: Double
    /// The learned weights, when the rules folder has `model/spam.tsv`.
    public let model: SpamModel?

    public init(rules: RuleSet) throws(RuleLoadError) {
        try self.init(rules: rules, plans: .none)
    }

    /// The lane's rules from `plans`; its weights from `weights` when a prepared folder kept them read.
    init(rules: RuleSet, plans: RulePlans, weights: [String: WeightsFile] = [:]) throws(RuleLoadError) {
        var entries: [Entry] = []
        var problems: [RuleDiagnostic] = []
        for rule in rules.rules {
            guard case .spam(let score, let warning) = rule.kind else { continue }
            do {
                entries.append(Entry(id: rule.id, score: score, warning: warning, plan: try plans.plan(for: rule)))
            } catch {
                problems.append(RuleDiagnostic(compileError: error, rule: rule))
            }
        }
        var model: SpamModel?
        do throws(RuleLoadError) {
            if let file = try WeightsFile.named("spam.tsv", in: rules, kept: weights) {
                model = try SpamModel(file: file)
            }
        } catch {
            problems += error.diagnostics
        }
        if !problems.isEmpty { throw RuleLoadError(problems) }
        self.entries = entries
        entryIndex = Dictionary(entries.indices.map { (entries[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        self.model = model
        threshold = rules.spamThreshold
        suspectThreshold = rules.spamSuspectThreshold ?? rules.spamThreshold * 0.6
    }

    /// Binds every rule's plan to the screener's prefilter.
    mutating func bind(_ prefilter: Prefilter) {
        for position in entries.indices { entries[position].plan = prefilter.bound(entries[position].plan) }
    }

    /// Every rule's plan, for building the prefilter.
    var plans: [RulePlan] { entries.map(\.plan) }

    public func score(_ text: NormalizedText, matcher: Matcher) throws(HoldReason) -> SpamVerdict {
        try score([text], matcher: matcher)[0].get()
    }

    /// Scores many posts, in order: the same verdicts as one post at a time, faster (each rule runs over the
    /// whole batch before the next). A post a rule could not finish on gets its hold reason instead.
    public func score(_ texts: [NormalizedText], matcher: Matcher) -> [Result<SpamVerdict, HoldReason>] {
        var matches = [[SpamMatch]](repeating: [], count: texts.count)
        var warned = [Bool](repeating: false, count: texts.count)
        var holds = [HoldReason?](repeating: nil, count: texts.count)
        eachRuleOverBatch(rules: entries.count, texts: texts, holds: &holds) { index, text, post throws(HoldReason) in
            if let match = try firstMatch(of: index, in: text, matcher: matcher) { matches[post].append(match) }
        }
        for post in texts.indices where holds[post] == nil {
            do throws(HoldReason) {
                (matches[post], warned[post]) = try discountingQuoted(
                    matches[post], in: texts[post], matcher: matcher)
            } catch {
                holds[post] = error
            }
        }
        return texts.indices.map { post in
            if let hold = holds[post] { return .failure(hold) }
            let total = matches[post].reduce(0) { $0 + $1.score }
            return .success(
                SpamVerdict(
                    score: total, threshold: threshold, suspectThreshold: suspectThreshold, matches: matches[post],
                    model: model?.assess(HashedFeatures(texts[post].text)), warned: warned[post]))
        }
    }

    func firstMatch(of index: Int, in text: NormalizedText, matcher: Matcher) throws(HoldReason) -> SpamMatch? {
        let entry = entries[index]
        guard entry.plan.mayMatch(text.facts) else { return nil }
        do {
            let found: Range<Int>?
            if let (group, times) = entry.repeatGroup {
                found = try repeated(
                    entry.plan.regex, group: group, times: times, in: text.subject, matcher: matcher)
            } else {
                found = try matcher.firstMatch(of: entry.plan.regex, in: text.subject)?.range
            }
            guard let found else { return nil }
            let range = text.originalRange(ofBytes: found)
            return SpamMatch(rule: entry.id, score: entry.score, start: range.lowerBound, end: range.upperBound)
        } catch {
            throw HoldReason(lane: "spam", rule: entry.id, message: error.description)
        }
    }

    /// `found` with the matches of a quoted scam scoring nothing, when the post warns of it, and whether it warns
    /// (a warning rule matches outside quotation marks; see the type's comment).
    func discountingQuoted(
        _ found: [SpamMatch], in text: NormalizedText, matcher: Matcher
    ) throws(HoldReason) -> (matches: [SpamMatch], warned: Bool) {
        func isWarning(_ match: SpamMatch) -> Bool { entryIndex[match.rule].map { entries[$0].warning } ?? false }
        guard found.contains(where: isWarning) else { return (found, false) }
        let quotes = QuotedText.ranges(in: text.original)
        guard !quotes.isEmpty else { return (found, true) }
        func isQuoted(_ range: Range<Int>) -> Bool {
            quotes.contains { $0.contains(range.lowerBound) && range.upperBound <= $0.upperBound }
        }
        /// True when the rule of `match` matches somewhere outside the quotation marks.
        func matchesOutside(_ match: SpamMatch) throws(HoldReason) -> Bool {
            guard isQuoted(match.start..<match.end) else { return true }
            guard let index = entryIndex[match.rule], entries[index].repeatGroup == nil else { return false }
            var outside = false
            do {
                try matcher.forEachMatch(of: entries[index].plan.regex, in: text.subject) { hit in
                    outside = !isQuoted(text.originalRange(ofBytes: hit.range))
                    return !outside
                }
            } catch {
                throw HoldReason(lane: "spam", rule: match.rule, message: error.description)
            }
            return outside
        }
        var warned = false
        for match in found where isWarning(match) {
            if try matchesOutside(match) {
                warned = true
                break
            }
        }
        guard warned else { return (found, false) }
        var quoted = false
        for match in found where match.score > 0 {
            if try matchesOutside(match) { return (found, true) }
            quoted = true
        }
        guard quoted else { return (found, true) }
        let discounted = found.map { match in
            guard match.score > 0 else { return match }
            return SpamMatch(rule: match.rule, score: 0, start: match.start, end: match.end, quoted: true)
        }
        return (discounted, true)
    }

    /// The span of the first unit that occurs `times` times, counting the `group` captures ignoring case.
    func repeated(
        _ regex: Regex, group: Int, times: Int, in subject: Subject, matcher: Matcher
    ) throws(PCRE2Error) -> Range<Int>? {
        var counts: [String: (count: Int, first: Range<Int>)] = [:]
        var found: Range<Int>?
        try matcher.forEachMatch(of: regex, in: subject) { match in
            guard let range = match.range(group), !range.isEmpty else { return true }
            let unit = subject.text(range).lowercased()
            let seen = counts[unit].map { ($0.count + 1, $0.first) } ?? (1, range)
            counts[unit] = seen
            if seen.0 >= times {
                found = seen.1
                return false
            }
            return true
        }
        return found
    }
}
