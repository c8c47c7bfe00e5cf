import PCRE2
import PorchRules

/// The whole pipeline for one post: normalize, scrub PII, flag crisis, score spam.
///
/// Compile once at start-up and share it; give each thread its own `Matcher`.
public struct Screener: Sendable {
    public let normalizer: Normalizer
    public let scrubber: Scrubber
    public let flagger: CrisisFlagger
    public let scorer: SpamScorer
    public let resources: [Resource]
    public let defaultRegion: String

    public init(rules: RuleSet) throws(RuleLoadError) {
        normalizer = Normalizer()
        var problems: [RuleDiagnostic] = []
        var scrubber: Scrubber?
        var flagger: CrisisFlagger?
        var scorer: SpamScorer?
        do { scrubber = try Scrubber(rules: rules) } catch { problems += error.diagnostics }
        do { flagger = try CrisisFlagger(rules: rules) } catch { problems += error.diagnostics }
        do { scorer = try SpamScorer(rules: rules) } catch { problems += error.diagnostics }
        guard let scrubber, let flagger, let scorer else { throw RuleLoadError(problems) }
        self.scrubber = scrubber
        self.flagger = flagger
        self.scorer = scorer
        resources = rules.resources
        defaultRegion = rules.defaultRegion
    }

    /// The PII lane only.
    public func scrub(_ text: String, known: KnownIdentifiers = .init(), matcher: Matcher) -> ScrubResult {
        scrubber.scrub(normalizer.normalize(text, using: matcher), known: known, matcher: matcher)
    }

    /// Every lane. Crisis and spam read the input's meaning, not the scrubbed text.
    public func screen(
        _ text: String, known: KnownIdentifiers = .init(), region: String? = nil, matcher: Matcher
    ) -> Verdict {
        let normalized = normalizer.normalize(text, using: matcher)
        let scrub = scrubber.scrub(normalized, known: known, matcher: matcher)
        var crisisHold: HoldReason?
        var crisis = CrisisVerdict(level: .none, categories: [], matches: [])
        do {
            crisis = try flagger.flag(normalized, matcher: matcher)
        } catch {
            crisisHold = error
        }
        var spamHold: HoldReason?
        var spam = SpamVerdict(isSpam: false, score: 0, threshold: scorer.threshold, matches: [])
        do {
            spam = try scorer.score(normalized, matcher: matcher)
        } catch {
            spamHold = error
        }
        let help =
            crisis.level > .none || crisisHold != nil
            ? resources(for: region ?? defaultRegion, categories: crisis.categories) : []
        return Verdict(
            scrub: scrub, crisis: crisis, spam: spam, resources: help, crisisHold: crisisHold, spamHold: spamHold)
    }

    /// The resources for a region (falling back to the default region), those for the categories first.
    public func resources(for region: String, categories: [String]) -> [Resource] {
        var chosen = resources.filter { $0.region.caseInsensitiveCompare(region) == .orderedSame }
        if chosen.isEmpty {
            chosen = resources.filter { $0.region.caseInsensitiveCompare(defaultRegion) == .orderedSame }
        }
        let general = chosen.filter(\.categories.isEmpty)
        let specific = chosen.filter { !$0.categories.isEmpty && !Set($0.categories).isDisjoint(with: categories) }
        return specific + general
    }
}

import Foundation
