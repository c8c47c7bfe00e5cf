import PCRE2
import PorchRules

/// The whole pipeline for one post: normalize, scrub PII, flag crisis, score spam.
///
/// Compile once at start-up and share it; give each thread its own `Matcher`.
public struct Screener: Sendable {
    public let normalizer: Normalizer
    public private(set) var scrubber: Scrubber
    public private(set) var flagger: CrisisFlagger
    public private(set) var scorer: SpamScorer
    /// Every rule's required words, found in a post in one pass so rules without them are skipped.
    let scanner: KeywordScanner
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

        let words = Set((scrubber.matchers + flagger.matchers + scorer.matchers).flatMap { $0.literals ?? [] })
        let keywords = words.sorted()
        let index = Dictionary(uniqueKeysWithValues: keywords.enumerated().map { ($1, Int32($0)) })
        scanner = KeywordScanner(keywords: keywords)
        self.scrubber.useKeywords(index)
        self.flagger.useKeywords(index, scanner: scanner)
        self.scorer.useKeywords(index)
    }

    /// Normalizes a post and finds the rules' required words in it.
    public func prepare(_ text: String, matcher: Matcher) -> NormalizedText {
        var normalized = normalizer.normalize(text, using: matcher)
        normalized.keywordHits = scanner.scan(normalized.subject.bytes)
        return normalized
    }

    /// The PII lane only.
    public func scrub(_ text: String, known: KnownIdentifiers = .init(), matcher: Matcher) -> ScrubResult {
        scrubber.scrub(prepare(text, matcher: matcher), known: known, matcher: matcher)
    }

    /// Every lane. Crisis and spam read the input's meaning, not the scrubbed text.
    public func screen(
        _ text: String, known: KnownIdentifiers = .init(), region: String? = nil, matcher: Matcher
    ) -> Verdict {
        let normalized = prepare(text, matcher: matcher)
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
