import PCRE2
import Testing

@testable import PorchScreening

/// `(?!X)Y` is run as `(?=Y)(?!X)Y`: the same matches, with the long look-ahead tried only where Y can start.
@Suite struct LeadingLookaheadTests {
    @Test func aLeadingNegativeLookaheadIsGuardedByWhatFollowsIt() {
        #expect(LeadingLookahead.guarded(#"(?!x)\bempty\b"#) == #"(?=\bempty\b)(?!x)\bempty\b"#)
        // A ")" in a class or escaped does not close the look-ahead.
        #expect(LeadingLookahead.guarded(#"(?![)\]]a\)b)c"#) == #"(?=c)(?![)\]]a\)b)c"#)
        #expect(LeadingLookahead.guarded(#"(?![[:alpha:])]x)y"#) == #"(?=y)(?![[:alpha:])]x)y"#)
    }

    /// Assertions that consume nothing may stand before the look-ahead; they stay where they are.
    @Test func assertionsBeforeTheLookaheadStayInFront() {
        #expect(
            LeadingLookahead.guarded(#"\A(?=[\s\S]{0,240}\z)(?![\s\S]{0,240}?pills)\bcan't\s+wait"#)
                == #"\A(?=[\s\S]{0,240}\z)(?=\bcan't\s+wait)(?![\s\S]{0,240}?pills)\bcan't\s+wait"#)
        #expect(LeadingLookahead.guarded(#"\b(?!x)empty"#) == #"\b(?=empty)(?!x)empty"#)
        #expect(LeadingLookahead.guarded(#"^(?<!a)(?<=b)(?!x)y"#) == #"^(?<!a)(?<=b)(?=y)(?!x)y"#)
        // A quantified or consuming prefix is no assertion.
        for pattern in [#"a(?!x)y"#, #"\b*(?!x)y"#, #"(?=a)?(?!x)y"#, #"(?:a)(?!x)y"#, #"\d(?!x)y"#, #"(?<n>a)(?!x)y"#]
        {
            #expect(LeadingLookahead.guarded(pattern) == nil, "\(pattern)")
        }
    }

    /// `guarded` looks at a pattern's first bytes before it copies and walks the whole pattern; on every pattern of
    /// the shipped rules it gives what the walk alone gives.
    @Test func theQuickLookAgreesWithTheWalkOnEveryShippedPattern() throws {
        let rules = try #require(RealRules.loaded?.rules.rules, "the Rules folder does not load")
        var skipped = 0
        for rule in rules {
            let pattern: String
            switch rule.matcher.source {
            case .pattern(let text): pattern = text
            case .phrases(let phrases): pattern = RulePlan.pattern(forPhrases: phrases)
            }
            let walked = LeadingLookahead.guardedByWalking(Array(pattern.utf8))
            #expect(LeadingLookahead.guarded(pattern) == walked, "\(rule.id)")
            if !LeadingLookahead.mayOpenWithAssertions(Array(pattern.utf8.prefix(16))) { skipped += 1 }
        }
        // Most patterns are told apart by their first bytes (the point of the quick look).
        #expect(skipped * 2 > rules.count)
    }

    @Test func patternsItCannotGuardAreLeftAlone() {
        for pattern in [
            #"\bempty(?!x)"#, "(?!x)", "(?!x)*y", #"(?!x)(a)b"#, #"(?!x)(?<name>a)"#, #"(?!x)(?P<name>a)"#,
            #"(?!x)(?'name'a)"#, #"(?!x)(?|a|b)"#, #"(?!x\Q)\E)y"#, "(?!x(y)",
        ] {
            #expect(LeadingLookahead.guarded(pattern) == nil, "\(pattern)")
        }
        // Look-behinds and non-capturing groups are not captures.
        #expect(LeadingLookahead.guarded(#"(?!x)(?<=a)(?:b|c)(?<!d)"#) != nil)
    }

    /// The guarded form finds exactly what the written form finds, on texts where X and Y meet in every order.
    @Test func theGuardedFormMatchesAsWritten() throws {
        let patterns = [
            #"(?![\s\S]{0,40}?\b(?:drowsy|floppy)\b)\b(?:empty\s+(?:bottle|pack)|nothing\s+missing)\b"#,
            #"(?![\s\S]{0,20}?pills)\b(?:i|we)\s+(?:took|had)\b|\bdone\b"#,
            #"\A(?=[\s\S]{0,60}\z)(?![\s\S]{0,60}?\b(?:drowsy|pills)\b)[\s\S]{0,40}?\b(?:empty|done)\b"#,
            #"\b(?<!not\s)(?![\s\S]{0,30}?floppy)(?:empty|nothing)\b"#,
        ]
        let texts = [
            "the empty bottle was in his hand", "empty bottle and now he is floppy", "floppy but empty pack",
            "nothing missing, nothing missing, drowsy later on after a long long long long long wait",
            "we took the train. pills? no. i had lunch", "i took pills", "all done", "",
        ]
        let matcher = Matcher()
        for pattern in patterns {
            let guarded = try #require(LeadingLookahead.guarded(pattern))
            let written = try Regex(pattern, options: .caseless)
            let fast = try Regex(guarded, options: .caseless)
            for text in texts {
                let subject = Subject(text)
                #expect(
                    try matcher.matches(of: fast, in: subject).map(\.range)
                        == matcher.matches(of: written, in: subject).map(\.range), "\(pattern) on \(text)")
            }
        }
    }
}
