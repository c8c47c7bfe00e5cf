import PCRE2
import Testing

@testable import PorchScreening

/// Hand-written speed-ups in the rule files match exactly what the rule without them matches.
@Suite struct RuleSpeedUpTests {
    /// The rule's pattern from the real rules, as written and with `speedUp` taken out.
    func forms(of id: String, without speedUp: String) throws -> (written: Regex, plain: Regex) {
        let rules = try #require(RealRules.loaded?.rules)
        let rule = try #require(rules.rules.first { $0.id == id })
        guard case .pattern(let pattern) = rule.matcher.source else { throw RuleIsNoPattern() }
        #expect(pattern.contains(speedUp), "\(id) no longer holds \(speedUp)")
        let options: RegexOptions = rule.matcher.caseless ? [.caseless] : []
        return (
            try Regex(pattern, options: options),
            try Regex(pattern.replacingOccurrences(of: speedUp, with: ""), options: options)
        )
    }

    struct RuleIsNoPattern: Error {}

    /// Both forms on random texts of `pieces`: the same matches, and matches enough to mean something.
    func expectSameMatches(_ forms: (written: Regex, plain: Regex), pieces: [String], seed: UInt64) throws {
        var generator = SeededRandom(seed: seed)
        var matched = 0
        let matcher = Matcher()
        for _ in 0..<5000 {
            let text = generator.text(of: 3...12, from: pieces)
            let subject = Subject(text)
            let found = try matcher.matches(of: forms.written, in: subject).map(\.range)
            #expect(found == (try matcher.matches(of: forms.plain, in: subject).map(\.range)), "\(text)")
            matched += found.count
        }
        #expect(matched > 200)
    }

    /// The link rules look for a word right before a dot before the long list of sites they leave alone.
    @Test(arguments: ["spam.link", "spam.link-stuffing"])
    func theLinkRulesFindTheSameWithAndWithoutTheirLookahead(id: String) throws {
        let pieces = [
            "shop", "deals", "www.", "https://", "http://", ".com", ".co", ".uk", ".net", "nhs", ".org", "postpartum",
            "samaritans", "/x", "-", "_", " ", ". ", "t.me/", "a", "7", "@", "\n", "buy", " shop.com ", " deals.co.uk ",
            " https://x.net/a ", " nhs.uk ", " www.buy.io ",
        ]
        try expectSameMatches(forms(of: id, without: #"(?=[a-z0-9][\w-]*+\.)"#), pieces: pieces, seed: 9)
    }

    /// `pii.email.spelled-out` gives up on a word with `(*SKIP)`.
    @Test func theSpelledOutEmailRuleFindsTheSameWithAndWithoutItsSkip() throws {
        let pieces = [
            "jane", "a+b", "x%y", "doe", "_", ".", "-", " at ", "(at)", " [ at ] ", " dot ", "(dot)", "gmail", "com",
            "co", "uk", " ", "@", "nhs", "www.", "7", "+", "%",
        ]
        try expectSameMatches(forms(of: "pii.email.spelled-out", without: "(*SKIP)"), pieces: pieces, seed: 5)
    }
}
