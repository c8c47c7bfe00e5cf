import Dispatch
import Foundation
import PCRE2
import PorchRules
import Synchronization

/// Runs every rule's own examples, and the PII lane's untouched texts, the way `porch rules check` does.
///
/// A `match` example must be found by its rule (exactly the `[[...]]` spans where marked); a `no_match`
/// example must not be. A context cue's `match` example must lower a crisis match in the text; its `no_match`
/// example must not. Each failure names the example's `file:line:column`.
public struct RuleCheck {
    let rules: RuleSet
    let screener: Screener
    let matcher = Matcher()

    public init(rules: RuleSet, screener: Screener) {
        self.rules = rules
        self.screener = screener
    }

    /// The number of examples run and every failure.
    public func run() -> (examples: Int, failures: [RuleDiagnostic]) {
        var count = 0
        var failures: [RuleDiagnostic] = []
        var pii = 0
        var allow = 0
        var crisis = 0
        var spam = 0
        for rule in rules.rules {
            for (example, expected) in rule.matchExamples.map({ ($0, true) })
                + rule.noMatchExamples.map({ ($0, false) })
            {
                count += 1
                let location = RuleLocation(file: rule.location.file, position: example.position)
                let problem: String?
                switch rule.kind {
                case .pii:
                    problem = checkSpans(expected, example, spans: piiSpans(rule: pii, example.text))
                case .allow:
                    problem = checkSpans(expected, example, spans: allowSpans(rule: allow, example.text))
                case .crisis:
                    problem = checkSpans(expected, example, spans: crisisSpans(rule: crisis, example.text))
                case .spam:
                    problem = checkSpans(expected, example, spans: spamSpans(rule: spam, example.text))
                case .context:
                    problem = checkCue(rule.id, expected: expected, example.text)
                }
                if let problem { failures.append(RuleDiagnostic(.error, at: location, ruleID: rule.id, problem)) }
            }
            switch rule.kind {
            case .pii: pii += 1
            case .allow: allow += 1
            case .crisis: crisis += 1
            case .spam: spam += 1
            case .context: break
            }
        }
        failures += backtrackingProblems()
        failures += prefilterProblems()
        for (text, location) in rules.untouched {
            count += 1
            let result = screener.scrub(text, matcher: matcher)
            if let hold = result.hold {
                failures.append(RuleDiagnostic(.error, at: location, "the PII lane could not finish: \(hold.message)"))
            } else if !result.redactions.isEmpty {
                let rules = Set(result.redactions.map(\.rule)).sorted().joined(separator: ", ")
                failures.append(
                    RuleDiagnostic(
                        .error, at: location, "this text must stay untouched, but \(rules) redacted part of it"))
            }
        }
        return (count, failures)
    }

    func checkSpans(_ expected: Bool, _ example: RuleExample, spans: Result<[Range<Int>], HoldReason>) -> String? {
        let found: [Range<Int>]
        switch spans {
        case .failure(let hold): return "the rule could not finish on this example: \(hold.message)"
        case .success(let value): found = value
        }
        if !expected {
            return found.isEmpty ? nil : "matches a no_match example at \(describe(found)); narrow the pattern"
        }
        if found.isEmpty { return "does not match this match example; widen the pattern or fix the example" }
        if !example.marked.isEmpty, Set(found) != Set(example.marked) {
            return "expected the marked span(s) \(describe(example.marked)) but found \(describe(found))"
        }
        return nil
    }

    func describe(_ ranges: [Range<Int>]) -> String {
        ranges.map { "characters \($0.lowerBound)–\($0.upperBound)" }.joined(separator: ", ")
    }

    func piiSpans(rule index: Int, _ text: String) -> Result<[Range<Int>], HoldReason> {
        let normalized = screener.normalizer.normalize(text, using: matcher)
        var findings: [Finding] = []
        do {
            try screener.scrubber.findings(of: index, in: normalized, matcher: matcher, into: &findings)
        } catch {
            return .failure(error)
        }
        return .success(findings.map(\.range))
    }

    func allowSpans(rule index: Int, _ text: String) -> Result<[Range<Int>], HoldReason> {
        let normalized = screener.normalizer.normalize(text, using: matcher)
        let (id, compiled) = screener.scrubber.allow[index]
        do {
            return .success(
                try matcher.matches(of: compiled.regex, in: normalized.subject).map {
                    normalized.originalRange(ofBytes: $0.range)
                })
        } catch {
            return .failure(HoldReason(lane: "pii", rule: id, message: error.description))
        }
    }

    func crisisSpans(rule index: Int, _ text: String) -> Result<[Range<Int>], HoldReason> {
        let normalized = screener.normalizer.normalize(text, using: matcher)
        var spans: [Range<Int>] = []
        do {
            try screener.flagger.matches(of: index, in: normalized, matcher: matcher) {
                spans.append(normalized.originalRange(ofBytes: $0))
            }
        } catch {
            return .failure(error)
        }
        return .success(spans)
    }

    func spamSpans(rule index: Int, _ text: String) -> Result<[Range<Int>], HoldReason> {
        let normalized = screener.normalizer.normalize(text, using: matcher)
        do {
            let match = try screener.scorer.firstMatch(of: index, in: normalized, matcher: matcher)
            return .success(match.map { [$0.start..<$0.end] } ?? [])
        } catch {
            return .failure(error)
        }
    }

    func checkCue(_ id: String, expected: Bool, _ text: String) -> String? {
        let normalized = screener.normalizer.normalize(text, using: matcher)
        let verdict: CrisisVerdict
        do {
            verdict = try screener.flagger.flag(normalized, matcher: matcher)
        } catch {
            return "the crisis lane could not finish on this example: \(error.message)"
        }
        if verdict.matches.isEmpty {
            return
                "no crisis rule matches this example, so the cue has nothing to act on; use a text with crisis language"
        }
        let applied = verdict.matches.contains { $0.contextRules.contains(id) }
        if expected && !applied { return "the cue does not apply to the crisis language in this example" }
        if !expected && applied { return "the cue applies to this no_match example; narrow it or its window" }
        return nil
    }

    /// Inputs built to make a careless pattern backtrack: long runs of one kind of character, ending in
    /// something that makes the match fail at the last moment.
    static let adversarialInputs: [String] = {
        let units = [
            "a", "A", "Aa", "1", "1 ", "a ", " ", "a.", "a-", "a1", "_", ".", "-", "@", "a@", "1-", "\n", "ab ",
        ]
        var inputs: [String] = []
        for unit in units {
            let run = String(repeating: unit, count: 2_000 / unit.count)
            inputs.append(run + "!")
            inputs.append(run + "\u{00}")
        }
        return inputs
    }()

    /// Runs `body` for `0..<count` spread over every core, each thread with its own matcher; returns what the calls
    /// gave, in index order.
    static func eachOnEveryCore<Found: Sendable>(
        _ count: Int, _ body: @Sendable (Int, Matcher) -> [Found]
    ) -> [Found] {
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let found = Mutex<[(Int, [Found])]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let matcher = Matcher()
            var mine: [(Int, [Found])] = []
            for index in stride(from: thread, to: count, by: threads) { mine.append((index, body(index, matcher))) }
            found.withLock { $0 += mine }
        }
        return found.withLock { $0 }.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }

    /// Every pattern, run on the adversarial inputs under the production match limit: a pattern that hits
    /// the limit would hold posts for a moderator, so the check names it before it reaches a group.
    func backtrackingProblems() -> [RuleDiagnostic] {
        let inputs = RuleCheck.adversarialInputs.map { Subject($0) }
        let rules = rules.rules
        return RuleCheck.eachOnEveryCore(rules.count) { index, matcher in
            RuleCheck.backtrackingProblem(of: rules[index], inputs: inputs, matcher: matcher).map { [$0] } ?? []
        }
    }

    /// The rule's problem with the adversarial inputs, if it has one.
    static func backtrackingProblem(of rule: Rule, inputs: [Subject], matcher: Matcher) -> RuleDiagnostic? {
        guard let compiled = try? RulePlan(rule.matcher) else { return nil }
        for (index, subject) in inputs.enumerated() {
            do {
                try matcher.forEachMatch(of: compiled.regex, in: subject) { _ in true }
            } catch  where error.isLimit {
                let sample = RuleCheck.adversarialInputs[index].prefix(12).debugDescription
                return RuleDiagnostic(
                    .error, at: RuleLocation(file: rule.location.file, position: rule.matcher.position),
                    ruleID: rule.id,
                    "the pattern backtracks catastrophically (\(error.description)) on a long input like \(sample)…; "
                        + "avoid nested repetition such as (a+)+ and overlapping alternatives under * or +")
            } catch {
                continue
            }
        }
        return nil
    }

    /// The prefilters may skip a rule only on texts it cannot match, and a pattern Porch rewrote to run faster
    /// must match exactly what the rule's own pattern matches: both checked on every example of every rule,
    /// against every rule. A failure here is a bug in Porch, not in the rules.
    func prefilterProblems() -> [RuleDiagnostic] {
        let texts =
            rules.rules.flatMap { rule in (rule.matchExamples + rule.noMatchExamples).map(\.text) }
            + rules.untouched.map(\.text)
        let rewrites = RewriteCheck(screener)
        var problems: [RuleDiagnostic] = []
        var reported = Set<String>()
        func report(_ id: String, _ message: String) {
            guard reported.insert(id).inserted else { return }
            let rule = rules.rules.first { $0.id == id }
            problems.append(
                RuleDiagnostic(
                    .error,
                    at: rule?.location ?? RuleLocation(file: "(rules)", position: SourcePosition(line: 1, column: 1)),
                    ruleID: id, message))
        }
        // Every text against every rule: most of the check's time, so on every core.
        let screener = screener
        let found = RuleCheck.eachOnEveryCore(texts.count) { index, matcher -> [(String, Bool)] in
            let prepared = screener.prepare(texts[index], matcher: matcher)
            return rewrites.disagreements(in: prepared, matcher: matcher).map { ($0, true) }
                + screener.prefilterMisses(in: prepared, matcher: matcher).map { ($0, false) }
        }
        for (id, rewritten) in found {
            report(
                id,
                rewritten
                    ? "Porch's faster form of this rule's pattern matches differently; please report this bug"
                    : "Porch's prefilters would skip this rule on a text it matches; please report this bug")
        }
        return problems
    }

    /// Resources whose last check is more than a year before `today`.
    public func staleResources(today: TOMLDate) -> [RuleDiagnostic] {
        rules.resources.compactMap { entry in
            let (resource, verified) = (entry.resource, entry.verified)
            let limit = TOMLDate(year: verified.year + 1, month: verified.month, day: verified.day)
            guard limit < today else { return nil }
            return RuleDiagnostic(
                .warning, at: entry.location,
                "'\(resource.name)' was last verified on \(verified), over a year ago; check it and update 'verified'")
        }
    }
}
