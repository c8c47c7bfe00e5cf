import Dispatch
import Foundation
import PCRE2
import PorchModel
import PorchRules
import Synchronization

/// The whole pipeline for one post: normalize, scrub PII, flag crisis, score spam.
///
/// Compile once at start-up and share it; give each thread its own `Matcher`.
public struct Screener: Sendable {
    public let normalizer: Normalizer
    public private(set) var scrubber: Scrubber
    public private(set) var flagger: CrisisFlagger
    public private(set) var scorer: SpamScorer
    /// Reads the facts of a post once so each lane skips the rules that cannot match it.
    let prefilter: Prefilter
    public let resources: [Resource]
    public let defaultRegion: String
    /// The starter of a group's learning spam filter (`model/spam-starter.tsv`), read when a group is seeded.
    public let spamStarter: String?

    /// How many posts a command hands to `screen(_:known:region:matcher:)` at once: enough for each rule's
    /// compiled code to stay in the cache across posts, few enough to spread a batch over every core.
    public static let batchSize = 256

    /// Compiles every lane. `prefilters: false` is for a command that screens a post or two (`porch scrub` of one
    /// text, one email through `porch submit`): no JIT, no keyword automaton and no list gates, which cost more to
    /// build than they save on so few posts; the rules keep their pattern gates, found by a plain search
    /// (`Prefilter/README.md`). The verdicts are the same either way (`porch rules check` proves the prefilters
    /// never skip a match).
    /// `weights` are the lanes' weights files as a prepared folder kept them read (`PreparedRules`), by name; a
    /// file not there is read from the folder's text.
    /// `gates` are what an earlier one-post screener of the same rules kept (`keptGates`): with them a one-post
    /// screener gates its rules without reading every pattern.
    public init(
        rules: RuleSet, prefilters: Bool = true, weights: [String: WeightsFile] = [:], gates: Gates? = nil
    ) throws(RuleLoadError) {
        normalizer = Normalizer()
        // Every rule is compiled on every core first; then the three lanes take their plans and read their models
        // side by side (the crisis lane, the slowest, starts first): start-up is most of a one-post command's time.
        let kept = prefilters ? nil : gates
        let plans = RulePlans(compiling: rules.rules, analysed: prefilters, kept: kept?.plans)
        let flagging = Mutex<Result<CrisisFlagger, RuleLoadError>?>(nil)
        let scrubbing = Mutex<Result<Scrubber, RuleLoadError>?>(nil)
        let scoring = Mutex<Result<SpamScorer, RuleLoadError>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 3) { lane in
            switch lane {
            case 0:
                let built = Result { () throws(RuleLoadError) in
                    try CrisisFlagger(rules: rules, plans: plans, weights: weights)
                }
                flagging.withLock { $0 = built }
            case 1:
                let built = Result { () throws(RuleLoadError) in try Scrubber(rules: rules, plans: plans) }
                scrubbing.withLock { $0 = built }
            default:
                let built = Result { () throws(RuleLoadError) in
                    try SpamScorer(rules: rules, plans: plans, weights: weights)
                }
                scoring.withLock { $0 = built }
            }
        }
        // Every lane's problems, PII first, as a rule editor reads the files.
        func problems<Lane>(_ lane: Result<Lane, RuleLoadError>) -> [RuleDiagnostic] {
            if case .failure(let error) = lane { return error.diagnostics }
            return []
        }
        let (pii, crisis, spam) = (scrubbing.withLock { $0! }, flagging.withLock { $0! }, scoring.withLock { $0! })
        guard case .success(let scrubber) = pii, case .success(let flagger) = crisis, case .success(let scorer) = spam
        else { throw RuleLoadError(problems(pii) + problems(crisis) + problems(spam)) }
        self.scrubber = scrubber
        self.flagger = flagger
        self.scorer = scorer
        resources = rules.resources.map(\.resource)
        defaultRegion = rules.defaultRegion
        spamStarter = rules.modelFiles["spam-starter.tsv"]

        let allPlans = scrubber.plans + flagger.plans + scorer.plans
        prefilter =
            prefilters
            ? Prefilter(plans: allPlans, lists: rules.lists) : Prefilter(onePost: allPlans, kept: kept?.search)
        self.scrubber.bind(prefilter)
        self.flagger.bind(prefilter)
        self.scorer.bind(prefilter)
        // The bound plans (self's lanes, not the unbound ones above): the checks must ask the gates the lanes ask.
        rulePlans =
            self.scrubber.entries.map { ($0.id, $0.plan) } + self.scrubber.allow
            + self.flagger.entries.map { ($0.id, $0.plan) } + self.flagger.cues.map { ($0.id, $0.plan) }
            + self.scorer.entries.map { ($0.id, $0.plan) }
        // Gates that came kept are the gates (re-gathering them would rebuild a dictionary every command).
        keptGates =
            kept
            ?? prefilter.search.map { search in
                Gates(
                    search: search,
                    plans: Dictionary(
                        rulePlans.map { ($0.id, $0.plan.gates) }, uniquingKeysWith: { first, _ in first }))
            }
    }

    /// A one-post screener's gates: each rule's required words (as ids of the words `search` looks for), digit
    /// run, bytes and the form of its pattern that runs, by rule id. Kept in a prepared folder (`PreparedRules`),
    /// they spare the next one-post command reading every pattern (two hundred milliseconds) while its rules are
    /// still gated, so a long post does not run every rule through PCRE2's interpreter.
    public struct Gates: Sendable, Equatable {
        let search: KeywordSearch
        let plans: [String: RulePlan.Gates]
    }

    /// The gates of a one-post screener (`prefilters: false`), for a prepared folder to keep; nil for the others.
    public private(set) var keptGates: Gates?

    /// The weights files the lanes read, for a prepared folder to keep (`PreparedRules.Contents`).
    public var weightsFiles: [WeightsFile] {
        [flagger.model?.crisis.file, scorer.model?.model.file].compactMap { $0 }
    }

    /// Keeps the places a group is about (`keep_places` in porch.toml): the PII lane leaves them in.
    public mutating func keep(places: [String]) {
        scrubber.keep(places: places)
    }

    /// Every rule's plan with its id, lane by lane (PII, allow, crisis, context cues, spam): for the checks and
    /// the profile that look at all rules alike. Gathered once: the check asks for them for every example.
    private(set) var rulePlans: [(id: String, plan: RulePlan)] = []

    /// The ids of the rules that match `text` (prepared) although the prefilters would skip them there: always
    /// empty, unless Porch has a bug. `porch rules check` asks it of every example, the scrubber fuzzer of random text.
    public func prefilterMisses(in text: NormalizedText, matcher: Matcher) -> [String] {
        let unmatched = rulePlans.compactMap { id, plan -> String? in
            guard !plan.patternMayMatch(text.facts), (try? matcher.firstMatch(of: plan.regex, in: text.subject)) != nil
            else { return nil }
            return id
        }
        return unmatched + scrubber.listGateMisses(in: text, matcher: matcher)
    }

    /// Normalizes a post and reads the prefilter's facts about it (the rules' required words and listed words).
    public func prepare(_ text: String, matcher: Matcher) -> NormalizedText {
        var normalized = normalizer.normalize(text, using: matcher)
        prefilter.scan(normalized.subject.bytes, into: &normalized.facts)
        return normalized
    }

    /// The PII lane only.
    public func scrub(_ text: String, known: KnownIdentifiers = .init(), matcher: Matcher) -> ScrubResult {
        scrubber.scrub(prepare(text, matcher: matcher), known: known, matcher: matcher)
    }

    /// The PII lane for many posts: the same results as one by one, faster (see `screen(_:known:region:matcher:)`).
    public func scrub(_ texts: [String], matcher: Matcher) -> [ScrubResult] {
        scrubber.scrub(texts.map { prepare($0, matcher: matcher) }, matcher: matcher)
    }

    /// Every lane. Crisis and spam read the input's meaning, not the scrubbed text.
    public func screen(
        _ text: String, known: KnownIdentifiers = .init(), region: String? = nil, matcher: Matcher
    ) -> Verdict {
        screen([text], known: [known], region: region, matcher: matcher)[0]
    }

    /// Every lane for many posts, in order; `known` (when given) has one entry per post. The same verdicts as
    /// one post at a time, faster: each rule runs over the whole batch before the next starts, so its compiled
    /// code stays in the processor's caches.
    public func screen(
        _ texts: [String], known: [KnownIdentifiers]? = nil, region: String? = nil, matcher: Matcher
    ) -> [Verdict] {
        precondition(known == nil || known!.count == texts.count, "one KnownIdentifiers per post")
        let prepared = texts.map { prepare($0, matcher: matcher) }
        let (scrubs, crises, spams) =
            texts.count == 1 && Screener.cores > 1
            ? lanesSideBySide(prepared, known: known, limits: (matcher.matchLimit, matcher.depthLimit))
            : (
                scrubber.scrub(prepared, known: known, matcher: matcher), flagger.flag(prepared, matcher: matcher),
                scorer.score(prepared, matcher: matcher)
            )
        return prepared.indices.map { index in
            var crisis = CrisisVerdict(level: .none, categories: [], matches: [])
            var crisisHold: HoldReason?
            switch crises[index] {
            case .success(let verdict): crisis = verdict
            case .failure(let hold): crisisHold = hold
            }
            var spam = SpamVerdict(
                score: 0, threshold: scorer.threshold, suspectThreshold: scorer.suspectThreshold, matches: [])
            var spamHold: HoldReason?
            switch spams[index] {
            case .success(let verdict): spam = verdict
            case .failure(let hold): spamHold = hold
            }
            Screener.explainOnlyWhatIsShown(crisis: &crisis, spam: &spam, scrubbed: scrubs[index].text)
            let help =
                crisis.level > .none || crisisHold != nil
                ? resources(for: region ?? defaultRegion, categories: crisis.categories) : []
            return Verdict(
                scrub: scrubs[index], crisis: crisis, spam: spam, resources: help, crisisHold: crisisHold,
                spamHold: spamHold)
        }
    }

    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// The three lanes over one post at once, each on a core with a matcher of its own (with the caller's limits):
    /// a one-post command (one email through `porch submit`) waits for the slowest lane, not for all three. A batch
    /// runs its lanes one after another, as the batches themselves fill every core.
    private func lanesSideBySide(
        _ prepared: [NormalizedText], known: [KnownIdentifiers]?, limits: (match: UInt32, depth: UInt32)
    ) -> ([ScrubResult], [Result<CrisisVerdict, HoldReason>], [Result<SpamVerdict, HoldReason>]) {
        let scrubs = Mutex<[ScrubResult]>([])
        let crises = Mutex<[Result<CrisisVerdict, HoldReason>]>([])
        let spams = Mutex<[Result<SpamVerdict, HoldReason>]>([])
        DispatchQueue.concurrentPerform(iterations: 3) { lane in
            let matcher = Matcher(matchLimit: limits.match, depthLimit: limits.depth)
            switch lane {
            case 0:
                let found = scrubber.scrub(prepared, known: known, matcher: matcher)
                scrubs.withLock { $0 = found }
            case 1:
                let found = flagger.flag(prepared, matcher: matcher)
                crises.withLock { $0 = found }
            default:
                let found = scorer.score(prepared, matcher: matcher)
                spams.withLock { $0 = found }
            }
        }
        return (scrubs.withLock { $0 }, crises.withLock { $0 }, spams.withLock { $0 })
    }

    /// Keeps in the models' explanations only the n-grams that also occur in the scrubbed text (none when the
    /// post is held), so an explanation never shows a piece of something the PII lane removed.
    static func explainOnlyWhatIsShown(crisis: inout CrisisVerdict, spam: inout SpamVerdict, scrubbed: String?) {
        let explained = (crisis.model?.features ?? []) + (spam.model?.features ?? [])
        guard !explained.isEmpty else { return }
        var shown = Set<UInt64>()
        if let scrubbed {
            let features = HashedFeatures(scrubbed)
            shown = Set(features.words + features.chars)
        }
        crisis.model = crisis.model?.explaining(only: shown)
        spam.model = spam.model?.explaining(only: shown)
    }

    /// The resources for a region (falling back to the default region), those for the categories first.
    public func resources(for region: String, categories: [String]) -> [Resource] {
        Resource.chosen(from: resources, region: region, defaultRegion: defaultRegion, categories: categories)
    }
}
