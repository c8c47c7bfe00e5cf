import Foundation
import PCRE2
import Testing

@testable import PorchScreening

/// The start lookahead: which characters a match can start with, and proof that stating them changes nothing.
@Suite struct StartCharactersTests {
    static func members(_ set: StartCharacters) -> String {
        String(String.UnicodeScalarView((UInt8(0)..<0x80).filter { set.ascii.contains($0) }.map(Unicode.Scalar.init)))
            + (set.nonASCII ? "+" : "")
    }

    @Test(
        arguments: [
            // A capital letter, or any non-ASCII letter: not "a".
            (#"\b\p{Lu}\p{Ll}+\s+\p{Lu}"#, false, "ABCDEFGHIJKLMNOPQRSTUVWXYZ+"),
            (#"\b\p{Lu}\p{Ll}+"#, true, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+"),
            // Literal words count in both cases; a case-sensitive class does not.
            (#"(?:Dr|nurse)\.?\s+[A-Z]"#, false, "DNdn+"),
            // (?i:…) ends with its group; (?i) lasts to the end of the enclosing one.
            (#"(?:(?i:x)|[AB])"#, false, "ABXx+"),
            (#"(?:[AB](?i)|[CD])[EF]"#, false, "ABCDcd+"),
            // Optional parts and assertions let the next item start the match.
            (#"(?<![0-9])(?:\+|00)?[1-9]"#, false, "+0123456789"),
            (#"(?m)^[ \t>]*\p{Lu}"#, false, "\t >ABCDEFGHIJKLMNOPQRSTUVWXYZ+"),
            (#"[^a-z]x"#, false, nil),
            (#".x"#, false, nil),
            // A match that may be empty, or that starts with a back-reference, gets no lookahead.
            (#"(?:ab)?"#, false, nil),
            (#"(a)\1"#, false, "Aa+"),
            (#"\1(a)"#, false, nil),
        ] as [(String, Bool, String?)])
    func findsTheFirstCharacters(pattern: String, caseless: Bool, expected: String?) throws {
        let lookahead = StartCharacters.fasterPattern(for: pattern, caseless: caseless, startBytes: nil)
        guard let expected else {
            #expect(lookahead == nil)
            return
        }
        let node = try #require(PatternParser.read(pattern, caseless: caseless))
        #expect(StartCharactersTests.members(node.start) == expected)
        #expect(lookahead != nil)
    }

    /// Random texts over an alphabet that exercises case, non-ASCII letters that fold to ASCII (Kelvin sign,
    /// long s), digits, punctuation and line breaks: the faster pattern finds exactly the matches (whole match
    /// and every group) the pattern as written finds.
    @Test func theFasterPatternNeverChangesAMatch() throws {
        let patterns: [(String, RegexOptions)] = [
            (#"\b(?<given>\p{Lu}\p{Ll}+)\s+(?<surname>\p{Lu}\p{Ll}+)\b"#, []),
            (#"\b\p{Lu}\p{Ll}+(?:'s|’s)\s+(?i:son|mum)"#, []),
            (#"(?m)(?:^|[.!?]\s+)(?:[-–~]+\s*|(?i:love|xo)\s*,?\s+)(?<name>\p{Lu}\p{Ll}+)\s*$"#, []),
            (#"(?m)^[ \t>]*(?<name>\p{Lu}\p{Ll}+)[ \t]*(?:x+)?$"#, []),
            (#"\bk\p{Ll}+"#, [.caseless]),
            (#"\bs[a-z]+"#, [.caseless]),
            (#"(?:[AB](?i)|[CD])[EF]"#, []),
            (#"\p{Lu}{2}\d"#, [.unicodeClasses]),
            (#"(?<![0-9])[0-9]{2}(?![0-9])"#, []),
            (#"[é-ü]\w+"#, [.caseless, .unicodeClasses]),
            // Patterns that start at \b, which also skip the rest of a word after a failed attempt.
            (#"\b(?:my|our)\s+(?:son|mum)\s+\p{Lu}\p{Ll}+"#, [.caseless]),
            (#"(?i)\b(?:ks|s)\p{Ll}*\b"#, []),
            (#"\b[a-z]+s\b"#, [.caseless, .unicodeClasses]),
            (#"(?=\w)\b(?:ab|b|é)x?"#, [.caseless]),
            (#"\bx|\by"#, [.caseless]),
            (#"\b(?:[a-m]|k\p{Ll})[a-z]*\s+\p{Lu}"#, [.caseless]),
            (#"(?i)\b[a-z]{2}\s?[0-9]"#, []),
            (#"\b(?:[a-z]+)(?:'s|’s)?\s+(?-i:[A-Z])"#, [.caseless, .unicodeClasses]),
        ]
        let alphabet = Array("aAbBkKsSxXeEéÉüÜ\u{212A}\u{017F}Ly0123 .,!?'’-\n\t>".unicodeScalars)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let texts = (0..<1_500).map { _ in
            String(String.UnicodeScalarView((0..<(1 + next(24))).map { _ in alphabet[next(alphabet.count)] }))
        }
        let matcher = Matcher()
        var rewrittenCount = 0
        var skipCount = 0
        for (pattern, options) in patterns {
            let original = try Regex(pattern, options: options)
            guard
                let faster = try StartCharacters.fasterPattern(
                    for: pattern, caseless: options.contains(.caseless),
                    startBytes: Regex.startBytes(of: pattern, options: options))
            else { continue }
            rewrittenCount += 1
            if faster.contains("(*SKIP)") { skipCount += 1 }
            let rewritten = try Regex(faster, options: options)
            #expect(rewritten.startBytes != nil, "PCRE2 should skip ahead with \(faster)")
            for text in texts {
                let subject = Subject(text)
                let groups = 0...original.captureCount
                let expected = try matcher.matches(of: original, in: subject).map { match in
                    groups.map { match.range($0) }
                }
                let found = try matcher.matches(of: rewritten, in: subject).map { match in
                    groups.map { match.range($0) }
                }
                #expect(found == expected, "\(pattern) on \(text.debugDescription)")
            }
        }
        #expect(rewrittenCount >= 8, "only \(rewrittenCount) patterns were rewritten")
        #expect(skipCount >= 3, "only \(skipCount) patterns skip words")
    }

    /// Every rule in `Rules/` that gets a faster pattern matches exactly as written on every seed post.
    @Test func rewrittenRulesMatchAsWrittenOnTheSeeds() throws {
        let screener = try RealRules.screener()
        let seeds = URL(fileURLWithPath: RealRules.directory).deletingLastPathComponent()
            .appendingPathComponent("seeds/posts.jsonl")
        let texts = try String(contentsOf: seeds, encoding: .utf8).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
        }
        #expect(texts.count >= 10)
        let compiled = screener.rulePlans.map(\.plan)
        let rewritten = compiled.filter { $0.regex.pattern != $0.pattern }
        #expect(!rewritten.isEmpty, "no rule gets a faster pattern any more; is this test still needed?")
        let matcher = Matcher()
        for rule in rewritten {
            let original = try Regex(rule.pattern, options: rule.options)
            for text in texts {
                let subject = screener.prepare(text, matcher: matcher).subject
                #expect(
                    try matcher.matches(of: rule.regex, in: subject).map(\.range)
                        == matcher.matches(of: original, in: subject).map(\.range))
            }
        }
    }
}
