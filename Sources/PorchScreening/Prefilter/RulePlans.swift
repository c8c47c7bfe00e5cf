import Dispatch
import Foundation
import PCRE2
import PorchRules
import Synchronization

/// Every rule's plan, compiled on every core before the lanes take theirs: reading a pattern for the prefilters
/// and compiling it is most of a one-post command's start-up, and the lanes alone would leave a core idle (`porch
/// scrub` has one lane).
struct RulePlans: Sendable {
    private let compiled: [String: Result<RulePlan, PCRE2Error>]
    /// Whether the plans are a many-post screener's (JIT, and list gates the scrubber adds); false for a one-post
    /// screener's, which keep their pattern gates (read now or kept) but run in the interpreter without list gates.
    let analysed: Bool

    /// No plans compiled ahead: each lane compiles its own rules.
    static let none = RulePlans(compiled: [:], analysed: true)

    private init(compiled: [String: Result<RulePlan, PCRE2Error>], analysed: Bool) {
        self.compiled = compiled
        self.analysed = analysed
    }

    /// Compiles the plans of `rules` (by id), each thread taking the next rule not yet taken. Unless `analysed` (a
    /// command that screens a post or two), the plans are matched by PCRE2's interpreter, with the gates `kept` for
    /// them by an earlier command (by rule id), else with gates read from their patterns now.
    init(compiling rules: [Rule], analysed: Bool = true, kept: [String: RulePlan.Gates]? = nil) {
        self.analysed = analysed
        @Sendable func plan(_ rule: Rule) throws(PCRE2Error) -> RulePlan {
            if analysed { return try RulePlan(rule.matcher) }
            guard let kept else { return try RulePlan(rule.matcher, analysed: true, execution: .interpreter) }
            // A rule the kept gates lack (never so, as they are kept with the folder's stamps) runs ungated.
            guard let gates = kept[rule.id] else { return try RulePlan(rule.matcher, analysed: false) }
            return try RulePlan(rule.matcher, kept: gates)
        }
        let next = Atomic(0)
        let results = Mutex<[String: Result<RulePlan, PCRE2Error>]>([:])
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var mine: [(String, Result<RulePlan, PCRE2Error>)] = []
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < rules.count else { break }
                let rule = rules[index]
                mine.append((rule.id, Result { () throws(PCRE2Error) in try plan(rule) }))
            }
            results.withLock { plans in
                for (id, plan) in mine { plans[id] = plan }
            }
        }
        compiled = results.withLock { $0 }
    }

    /// The rule's plan, compiled ahead or now.
    func plan(for rule: Rule) throws(PCRE2Error) -> RulePlan {
        if let result = compiled[rule.id] { return try result.get() }
        return try RulePlan(rule.matcher, analysed: analysed)
    }
}
