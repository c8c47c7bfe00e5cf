import PCRE2
import Testing

@testable import PorchScreening

/// The byte-pair prefilter: a rule whose every match holds a pair of byte kinds (a letter right before a digit)
/// is skipped on posts without one, and never where it matches.
@Suite struct BytePairsTests {
    func pairs(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer { BytePairs.of($0) }
    }

    func required(_ pattern: String, caseless: Bool = false) throws -> [UInt64] {
        try #require(PatternParser.read(pattern, caseless: caseless)).bytePairs
    }

    @Test func aTextHoldsThePairsOfItsNeighbouringBytes() {
        let letterDigit = BytePairs.pairs(BytePairs.upper, BytePairs.digit)
        #expect(pairs("SW1A") & letterDigit != 0)
        #expect(pairs("sw 1a") & letterDigit == 0)
        #expect(pairs("") == 0 && pairs("x") == 0)
        #expect(pairs("é1") & BytePairs.pairs(BytePairs.nonASCII, BytePairs.digit) != 0)
    }

    @Test func aShapedPatternNeedsItsPairs() throws {
        // A Canadian postcode: a letter right before a digit, whatever the case.
        let postcode = try required(#"\b[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]\s?[0-9][A-Z][0-9]\b"#, caseless: true)
        #expect(!postcode.isEmpty)
        #expect(postcode.allSatisfy { $0 & pairs("K1A 0B1") != 0 })
        #expect(postcode.contains { $0 & pairs("at 34 weeks, 50mg, 3:30am") == 0 })
        // An IP address: a digit right before a dot.
        let address = try required(#"\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b"#)
        #expect(address.contains { $0 & pairs("10.0.0.1") != 0 && $0 & pairs("I am 3 - ok, 5 x") == 0 })
    }

    @Test func whatMayBeLeftOutOrIsProseAlreadyIsNoPair() throws {
        // The optional space: the digit follows a letter or a space, and prose has a space before a digit.
        #expect(try required(#"[A-Z]\s?[0-9]"#).isEmpty)
        // Either branch: one needs a letter before a digit, the other not.
        #expect(try required(#"(?:[A-Z][0-9]|ab)"#).isEmpty)
        #expect(try required(#"(?:[A-Z][0-9]|[0-9]\.)"#).count == 1)
        // Letters next to letters are in every post.
        #expect(try required(#"\bword\b"#).isEmpty)
    }

    /// Against PCRE2: wherever a pattern matches, the text holds a pair of every set the pattern needs.
    @Test func aPatternNeverMatchesATextWithoutItsPairs() throws {
        let patterns: [(String, RegexOptions)] = [
            (#"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b"#, [.caseless]),
            (#"\b[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]\s?[0-9][A-Z][0-9]\b"#, [.caseless]),
            (#"\b[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b"#, []),
            (#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9]+)+"#, []),
            (#"\b\p{Lu}\p{Ll}+[0-9]+\b"#, [.unicodeClasses]),
            (#"(?:[a-z]\s+[0-9]|x-[0-9]|k[0-9])"#, [.caseless, .unicodeClasses]),
            (#"[0-9]+(?:st|nd)?\s*-\s*[A-Z]"#, [.caseless]),
            // A caseless k also matches the Kelvin sign, a character outside ASCII.
            (#"k[0-9]"#, [.caseless]),
            (#"[A-Z]{2}[0-9]\.[0-9]"#, [.caseless]),
        ]
        let pieces = [
            "a", "B", "k", "\u{212A}", "7", "0", " ", "\u{00A0}", "\u{3000}", ".", "-", "@", "é", "É", "x", "\n", "_",
            "SW1A", "1AA", "10.", "st",
        ]
        var generator = SeededRandom(seed: 11)
        var matched = 0
        for (pattern, options) in patterns {
            let regex = try Regex(pattern, options: options)
            let required = try #require(PatternParser.read(pattern, caseless: options.contains(.caseless))).bytePairs
            for _ in 0..<4000 {
                let text = generator.text(of: 1...8, from: pieces)
                guard try Matcher().firstMatch(of: regex, in: Subject(text)) != nil else { continue }
                matched += 1
                let present = pairs(text)
                #expect(required.allSatisfy { $0 & present != 0 }, "\(pattern) on \(text.debugDescription)")
            }
        }
        #expect(matched > 300)
    }
}

/// The required-byte prefilter: a rule whose every match holds a byte of a set prose lacks (`*` or `#`, `@`) is
/// skipped on posts without one; what a positive lookahead or lookbehind looks at counts, a negative one's not.
@Suite struct RequiredBytesTests {
    func required(_ pattern: String, caseless: Bool = false) throws -> [ByteSet] {
        try #require(PatternParser.read(pattern, caseless: caseless)).requiredBytes
    }

    func set(_ characters: String) -> ByteSet { ByteSet(of: Array(characters.utf8)) }

    @Test func rareBytesAreRequiredProseBytesNot() throws {
        #expect(try required(#"(?<![a-z])(?=[a-z]{0,4}[*#])(?:k[*#]+ll|s[u*#]*icide)"#) == [set("*#")])
        #expect(try required(#"[a-z]+@[a-z]+\.[a-z]+"#) == [set("@")])
        #expect(try required(#"(?:a@b|c#d)"#) == [set("#@")])
        #expect(try required(#"(?:a@b|cd)"#).isEmpty)
        #expect(try required(#"(?!@)x"#).isEmpty)
        #expect(try required(#"(?<=@)x"#) == [set("@")])
        #expect(try required(#"x@?"#).isEmpty)
        #expect(try required(#"(?:nursery|gp)\s*\(\s*[a-z]+"#) == [set("(")])
        #expect(try required(#"[a-z]+[.!?]"#).isEmpty)
    }

    @Test func aLookaheadsWordsAreRequiredWordsToo() {
        #expect(RequiredLiterals.extract(#"x(?=[0-9]*kill)"#) == ["kill"])
        #expect(RequiredLiterals.extract(#"x(?!kill)"#) == nil)
    }

    /// Against PCRE2: wherever a pattern matches, the text holds a byte of every set the pattern needs. Each pattern
    /// gets texts of its own pieces, so it matches often enough for the check to mean something.
    @Test func aPatternNeverMatchesATextWithoutItsBytes() throws {
        let odd = ["\u{212A}", "é", "É", " ", ".", "x", "a"]
        let patterns: [(String, RegexOptions, [String])] = [
            (
                #"(?<![a-z])(?=[a-z]{0,4}[*#])(?:k[*#]+ll\s*m[y*]s[e*]lf|s[u*#]*[i*#]*c[i*#]*d(?:e|al|[*#]))(?![a-z])"#,
                [.caseless], ["k*ll", "k#ll", "myself", " m*s*lf", "s*icide", "su#cid*", "s#c#dal", "k"]
            ),
            (
                #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+"#, [],
                ["jo", "@mail", ".com", "_", "7", "@", "-"]
            ),
            (#"(?:k@|\p{Lu}#|x(?=\S*~))"#, [.caseless, .unicodeClasses], ["k", "@", "#", "~", "Q", "x", "*"]),
            (#"(?<=[*~])\s*k"#, [.caseless], ["*", "~", "k", "ll"]),
            (#"\b(?:son|dd)\s*\(\s*\p{Lu}\p{Ll}+\)"#, [.caseless], ["son (", "dd(", "Zeb)", "（", "zeb)", "son", ")"]),
        ]
        var generator = SeededRandom(seed: 23)
        for (pattern, options, pieces) in patterns {
            let regex = try Regex(pattern, options: options)
            let required = try self.required(pattern, caseless: options.contains(.caseless))
            #expect(!required.isEmpty, "\(pattern)")
            var matched = 0
            for _ in 0..<4000 {
                let text = generator.text(of: 1...8, from: pieces + odd)
                guard try Matcher().firstMatch(of: regex, in: Subject(text)) != nil else { continue }
                matched += 1
                let present = ByteSet(of: Array(text.utf8))
                #expect(required.allSatisfy { $0.intersects(present) }, "\(pattern) on \(text.debugDescription)")
            }
            #expect(matched > 50, "\(pattern) matched only \(matched) texts")
        }
    }
}
