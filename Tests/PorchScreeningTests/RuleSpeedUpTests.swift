import PCRE2
import Testing

@testable import PorchScreening

/// Hand-written speed-ups in the rule files match exactly what the rule without them matches.
@Suite struct RuleSpeedUpTests {
    /// `pii.email.spelled-out` gives up on a word with `(*SKIP)`: on random texts of address pieces, the same matches.
    @Test func theSpelledOutEmailRuleFindsTheSameWithAndWithoutItsSkip() throws {
        let rules = try #require(RealRules.loaded?.rules)
        let rule = try #require(rules.rules.first { $0.id == "pii.email.spelled-out" })
        guard case .pattern(let pattern) = rule.matcher.source else {
            Issue.record("the rule is no pattern")
            return
        }
        #expect(pattern.contains("(*SKIP)"))
        let options: RegexOptions = [.caseless]
        let skipping = try Regex(pattern, options: options)
        let plain = try Regex(pattern.replacingOccurrences(of: "(*SKIP)", with: ""), options: options)
        let pieces = [
            "jane", "a+b", "x%y", "doe", "_", ".", "-", " at ", "(at)", " [ at ] ", " dot ", "(dot)", "gmail", "com",
            "co", "uk", " ", "@", "nhs", "www.", "7", "+", "%",
        ]
        var generator = SeededRandom(seed: 5)
        var matched = 0
        let matcher = Matcher()
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 3...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let subject = Subject(text)
            let found = try matcher.matches(of: skipping, in: subject).map(\.range)
            #expect(found == (try matcher.matches(of: plain, in: subject).map(\.range)), "\(text)")
            matched += found.count
        }
        #expect(matched > 200)
    }
}
