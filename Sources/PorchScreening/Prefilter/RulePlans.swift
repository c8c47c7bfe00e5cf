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
    /// Whether the patterns were read for the prefilters (`RulePlan.init(_:analysed:)`).
    let analysed: Bool

    /// No plans compiled ahead: each lane compiles its own rules.
    static let none = RulePlans(compiled: [:], analysed: true)

    private init(compiled: [String: Result<RulePlan, PCRE2Error>], analysed: Bool) {
        self.compiled = compiled
        self.analysed = analysed
    }

    /// Compiles the plans of `rules` (by id), each thread taking the next rule not yet taken.
    init(compiling rules: [Rule], analysed: Bool = true) {
        self.analysed = analysed
        let next = Atomic(0)
        let results = Mutex<[String: Result<RulePlan, PCRE2Error>]>([:])
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var mine: [(String, Result<RulePlan, PCRE2Error>)] = []
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < rules.count else { break }
                let rule = rules[index]
                mine.append(
                    (rule.id, Result { () throws(PCRE2Error) in try RulePlan(rule.matcher, analysed: analysed) }))
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
