import PCRE2
import Testing

@testable import PorchScreening

/// The literal prefilter: which words every match of a pattern must contain.
@Suite struct RequiredLiteralsTests {
    @Test(
        arguments: [
            (#"\bkill\s+myself\b"#, ["kill myself"]),
            (#"(?i:want to die|wanna die)"#, ["want to die", "wanna die"]),
            (#"(?<![0-9])[0-9]{3}-[0-9]{4}"#, nil),
            (#"\b(?:dr|doctor)\.?\s+[A-Z][a-z]+"#, ["dr ", "dr. ", "doctor ", "doctor. "]),
            (#"\b(?:dr|doctor)\.?[A-Z][a-z]+"#, nil),
            (#"(?:overdose|od'?d)\b"#, ["overdose", "odd", "od'd"]),
            (#"MRN\s*:?\s*(?<number>[0-9]+)"#, ["mrn"]),
            // Every combination, each cut to its first 12 bytes.
            (
                #"(?:took|swallowed) (?:all|a bottle of) (?:my |the )?pills"#,
                ["took all pil", "took all my ", "took all the", "took a bottl", "swallowed al", "swallowed a "]
            ),
            (#"ab+c"#, nil),
            // What a lookahead looks at is in the text; what a negative one refuses is not.
            (#"(?=kill)\w+"#, ["kill"]),
            (#"(?!kill)\w+"#, nil),
            (#"(?x) kill \s me"#, nil),
            (#"(?i)\bhelp(?:line)?\b"#, ["help"]),
            (#"[^\]]kill[\]]"#, ["kill"]),
            (#"e\.g\.\s+hurt"#, ["e.g. hurt"]),
            (#"e\.g\.\d+hurt"#, ["e.g."]),
            (#"(?:a|)hurt"#, ["hurt"]),
            (#"suicid(?:e|al)"#, ["suicide", "suicidal"]),
            (#"\b[a-z]+\.(?:com|net|io)\b"#, [".com", ".net", ".io"]),
            (#"my ex-?wife"#, ["my exwife", "my ex-wife"]),
            (#"(?:a|)hurt(?:s|)"#, ["hurt"]),
            (#"hurt(?:ing)+me"#, ["hurt"]),
            (#"(?:ab){2,}c"#, nil),
            (#"x{2,}harm"#, ["xharm"]),
            (#"kil+ed"#, ["kil"]),
            (#"(?:ab)+cde"#, ["cde"]),
            // Whitespace is one space to the scanner, however it is written.
            (#"\bwant\s+to\s+die\b"#, ["want to die"]),
            (#"kill\s*me"#, ["killme", "kill me"]),
            (#"he\s?is"#, ["heis", "he is"]),
            (#"he\s+\s*is"#, ["he is"]),
            (#"(?:he|she)\s+is\s+(?:here|back)"#, ["he is here", "he is back"]),
            (#"hit[\s-]me"#, ["hit"]),
        ] as [(String, Set<String>?)])
    func extractsWhatEveryMatchContains(pattern: String, expected: Set<String>?) {
        #expect(RequiredLiterals.extract(pattern) == expected)
    }

    @Test func everyMatchOfATestedPatternContainsOneOfItsWords() throws {
        let cases = [
            (#"(?:took|swallowed)\s+(?:all|a bottle of)\s+(?:my\s+)?pills"#, "I swallowed  a bottle of my pills"),
            (#"\bwant\s+to\s*die\b"#, "I want\t \n to\r\ndie."),
            (#"kill\s?me"#, "kill\u{0B}me"),
            (#"(?i:\b(?:i'?m|i\s+am)\s+)(?<name>\p{Lu}\p{Ll}+)(?=\s*,)"#, "Hi, I am Robin, 29"),
            (#"\bend(?:ing)?\s+(?:it\s+all|my\s+life)"#, "ending my life"),
        ]
        for (pattern, text) in cases {
            let match = try #require(try Matcher().firstMatch(of: Regex(pattern), in: Subject(text)))
            let matched = String(
                text.utf8[
                    text.utf8.index(
                        text.utf8.startIndex, offsetBy: match.range.lowerBound)..<text.utf8.index(
                            text.utf8.startIndex, offsetBy: match.range.upperBound)])!
            // Found as the screener finds them: by the keyword scanner, in the whole text.
            if let words = RequiredLiterals.extract(pattern) {
                let scanner = KeywordScanner(keywords: words.sorted())
                let hits = scanner.scan(Array(text.utf8))
                #expect(
                    (0..<words.count).contains { hits.contains(Int32($0)) },
                    "\(pattern) matched \(matched) without \(words)")
            }
        }
    }

    /// Every byte class, the last one (':') included, must stay inside its state's row of the table.
    @Test func theScannerHandlesEveryByteClassAndNoKeywords() {
        let scanner = KeywordScanner(keywords: ["a:b", "x_y", "q@z"])
        let hits = scanner.scan(Array("::a:b x_y q@z :".utf8))
        #expect((0..<3).map { hits.contains(Int32($0)) } == [true, true, true])
        #expect(!scanner.scan(Array("a:c x-y".utf8)).contains(0))
        _ = KeywordScanner(keywords: []).scan(Array("untouched=[\":\"] :::".utf8))
    }

    @Test func theScannerReadsEveryRunOfWhitespaceAsOneSpace() {
        let scanner = KeywordScanner(keywords: ["kill me", "a  b", "he is "])
        #expect(scanner.scan(Array("KILL \t\n\r\u{0B}\u{0C}ME".utf8)).contains(0))
        #expect(scanner.scan(Array("a\nb".utf8)).contains(1))
        #expect(scanner.scan(Array("he\tis\n".utf8)).contains(2))
        #expect(!scanner.scan(Array("killme he is".utf8)).contains(0))
        #expect(!scanner.scan(Array("he is".utf8)).contains(2))
        // Spaces outside ASCII that `\s` matches with Unicode classes, alone and in runs.
        for space in [
            "\u{85}", "\u{A0}", "\u{1680}", "\u{180E}", "\u{2000}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}",
            "\u{205F}", "\u{3000}",
        ] {
            #expect(
                scanner.scan(Array("kill\(space)me".utf8)).contains(0),
                "U+\(String(space.unicodeScalars.first!.value, radix: 16))")
            #expect(scanner.scan(Array("kill \(space)\t\(space)me".utf8)).contains(0))
        }
        // Other characters outside ASCII still break a word, and a space sequence cut short is no space.
        for other in ["\u{A1}", "\u{200B}", "\u{2030}", "\u{3001}", "\u{1681}"] {
            #expect(!scanner.scan(Array("kill\(other)me".utf8)).contains(0))
        }
        #expect(!scanner.scan(Array("kill".utf8) + [0xE2, 0x80]).contains(0))
        #expect(scanner.scan(Array("he\u{A0}is\u{3000}".utf8)).contains(2))
    }

    @Test func theScannerFindsEveryKeywordOverlappingOrNot() {
        let scanner = KeywordScanner(keywords: ["he", "she", "his", "hers", "kill myself"])
        let hits = scanner.scan(Array("UsHERS said: I'd KILL MYSELF".utf8))
        #expect((0..<5).map { hits.contains(Int32($0)) } == [true, true, false, true, true])
        #expect(scanner.scan(Array("kill \n myself".utf8)).contains(4))
        #expect(!scanner.scan(Array("kill-myself".utf8)).contains(4))
    }

    /// More states than two-byte table entries hold: the scanner keeps four-byte ones and finds the same.
    @Test func theScannerFindsEveryKeywordWithSmallAndLargeTables() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var state: UInt64 = 7
        func word(_ length: Int) -> String {
            String(
                (0..<length).map { _ in
                    state = state &* 6_364_136_223_846_793_005 &+ 1
                    return letters[Int(state >> 33) % 26]
                })
        }
        for count in [50, 4000] {
            let words = Set((0..<count).map { _ in word(10) }).sorted()
            let scanner = KeywordScanner(keywords: words + ["call 988"])
            let probe = [0, words.count / 2, words.count - 1]
            let hits = scanner.scan(
                Array((probe.map { words[$0].uppercased() } + ["call 988"]).joined(separator: ".").utf8))
            #expect(probe.allSatisfy { hits.contains(Int32($0)) }, "\(count) words")
            #expect(hits.contains(Int32(words.count)))
            #expect(!scanner.scan(Array(words[0].dropLast().utf8)).contains(0))
            // Digits are one class: a word with digits is found wherever digits of that shape are, never missed.
            #expect(scanner.scan(Array("call 123".utf8)).contains(Int32(words.count)))
            #expect(!scanner.scan(Array("call 12".utf8)).contains(Int32(words.count)))
        }
    }
}

/// The prefilter against PCRE2 itself: a rule with Unicode classes, on texts whose words are parted by every
/// kind of space `\s` matches, is never skipped where it matches.
@Suite struct UnicodeSpacePrefilterTests {
    @Test func aRuleIsNeverSkippedWhereItsWhitespaceIsAUnicodeSpace() throws {
        let pattern = #"\b(?:want|going)\s+to\s*die\b"#
        let regex = try Regex(pattern, options: [.caseless, .unicodeClasses])
        let words = try #require(RequiredLiterals.extract(pattern))
        let scanner = KeywordScanner(keywords: words.sorted())
        var checked = 0
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "I want" + String(scalar) + "to die"
            guard try Matcher().firstMatch(of: regex, in: Subject(text)) != nil else { continue }
            checked += 1
            let hits = scanner.scan(Array(text.utf8))
            #expect((0..<words.count).contains { hits.contains(Int32($0)) }, "U+\(String(value, radix: 16))")
        }
        #expect(checked >= 20)
    }
}

/// The digit-run prefilter: how many ASCII digits in a row every match of a pattern holds.
@Suite struct DigitRunTests {
    @Test(
        arguments: [
            (#"[0-9]{5}(?:-[0-9]{4})?"#, 5),
            (#"(?<![0-9])[0-9]{3}-[0-9]{4}(?![0-9])"#, 4),
            (#"\d{5}"#, 0),
            (#"(?:19|20)[0-9]{2}"#, 2),
            (#"[0-9]\s?[0-9]{2}"#, 2),
            (#"1[0-9]{2,}"#, 3),
            (#"[0-9a-f]{6}"#, 0),
            (#"a(?:[0-9]{3}|[0-9]{5})b"#, 3),
            (#"[0-9]{40}"#, 16),
            (#"[0-9]{2}(?:[0-9]{2})?"#, 2),
            (#"MRN[0-9]+"#, 1),
            (#"(?:x|[0-9]{4})"#, 0),
        ] as [(String, Int)])
    func countsTheDigitsEveryMatchHolds(pattern: String, expected: Int) throws {
        #expect(try #require(PatternParser.read(pattern)).digitRun == expected)
    }

    /// Against PCRE2: wherever a pattern matches, the text has at least that many digits in a row.
    @Test func aPatternNeverMatchesAShorterRun() throws {
        let patterns = [#"[0-9]{5}(?:-[0-9]{4})?"#, #"[0-9]{3}[\s.-]?[0-9]{4}"#, #"(?:19|20)[0-9]{2}"#, #"1[0-9]{2,}"#]
        let texts = ["zip 90210-1234", "call 555 0123", "555-0123", "in 1999", "12 3456", "1234", "x 100 y", "9 8 7"]
        var matched = 0
        for pattern in patterns {
            let run = try #require(PatternParser.read(pattern)).digitRun
            for text in texts where try Matcher().firstMatch(of: Regex(pattern), in: Subject(text)) != nil {
                matched += 1
                let normalized = Normalizer().normalize(text, using: Matcher())
                #expect(normalized.facts.longestDigitRun >= run, "\(pattern) on \(text)")
            }
        }
        #expect(matched >= 8)
    }
}

/// The plans `porch rules check` and the profile ask (`Screener.rulePlans`) are the ones the lanes run: bound to the
/// prefilter's scanner, so a rule whose required words a post lacks is skipped there too. Were they the unbound
/// plans, the check of the word gate (`prefilterMisses`) would prove nothing.
@Suite struct ScreenerPlansTests {
    @Test func theCheckedPlansSkipARuleWhoseWordsAPostLacks() throws {
        let screener = try RealRules.screener()
        let text = screener.prepare("We went to the park and had a lovely quiet afternoon.", matcher: Matcher())
        let lower = "we went to the park and had a lovely quiet afternoon."
        var gated = 0
        for (id, plan) in screener.rulePlans {
            guard let words = plan.words,
                words.alternatives.allSatisfy({ sets in sets.contains { !$0.contains { lower.contains($0) } } })
            else { continue }
            gated += 1
            #expect(!plan.patternMayMatch(text.facts), "\(id) would run on a post without its words")
        }
        #expect(gated > 200)
    }
}

/// Words outside ASCII: the word prefilter reads them folded to one case (`KeywordScanner.fold`), in the pattern
/// and in the text, so a rule in Russian, Greek or Korean is skipped on posts without its words and never where
/// PCRE2 would match.
@Suite struct ForeignWordPrefilterTests {
    @Test(
        arguments: [
            // Cut to their first 12 bytes, at a character's edge.
            (#"(?i:не\s+дышит|labios morados)"#, ["не дыш", "labios morad"]),
            (#"(?i)НЕ ДЫШИТ"#, ["не дыш"]),
            (#"(?i:ΘΈΛΩ ΝΑ ΠΕΘΆΝΩ)"#, ["θέλω ν"]),
            (#"(?i:σας)"#, ["σασ"]),
            (#"(?:🩸|⚰)"#, ["🩸", "⚰"]),
            (#"오늘\s*밤"#, ["오늘밤", "오늘 밤"]),
            (#"\bbébé\b"#, ["bébé"]),
            (#"(?i:m&s|h&m)\s+\p{Lu}"#, ["m&s ", "h&m "]),
            (#"helpline\b.{0,20}?\K[0-9]{4}"#, ["helpline"]),
            (#"\bжар\b"#, ["жар"]),
            (#"ж"#, nil),
        ] as [(String, Set<String>?)])
    func extractsFoldedWords(pattern: String, expected: Set<String>?) {
        #expect(RequiredLiterals.extract(pattern) == expected)
    }

    @Test func aWordCutShortKeepsWholeCharacters() {
        #expect(String(decoding: RequiredLiterals.cutToMaximumLength("abcдышит"), as: UTF8.self) == "abcдыши")
        #expect(RequiredLiterals.cutToMaximumLength("сегодня ночью").count == 12)
        #expect(RequiredLiterals.cutToMaximumLength("ab오늘밤이다").count == 11)
    }

    @Test func everyMatchInAnyCaseContainsOneOfItsWords() throws {
        let cases = [
            (#"(?i:не\s+дышит)"#, ["он не дышит", "ОН НЕ ДЫШИТ", "Он Не \n Дышит"]),
            (#"(?i:σας)"#, ["ΣΑΣ", "σας", "Σας", "σασ"]),
            (#"(?i:lábios roxos)"#, ["LÁBIOS ROXOS", "Lábios Roxos"]),
            (#"(?i:kiss)"#, ["kiſs", "KISS"]),
            (#"🩸\s*tonight"#, ["so much 🩸 tonight"]),
            (#"(?i:오늘 밤)"#, ["오늘 밤에"]),
        ]
        for (pattern, texts) in cases {
            let words = try #require(RequiredLiterals.extract(pattern), "\(pattern)")
            let scanner = KeywordScanner(keywords: words.sorted())
            for text in texts {
                #expect(try Matcher().firstMatch(of: Regex(pattern), in: Subject(text)) != nil, "\(pattern) on \(text)")
                let hits = scanner.scan(Array(text.utf8))
                #expect((0..<words.count).contains { hits.contains(Int32($0)) }, "\(pattern) on \(text)")
            }
        }
    }

    /// Against PCRE2, for every cased character outside ASCII in the scripts members write: each character that a
    /// caseless pattern of one character matches folds to what that character folds to.
    @Test func everyCharacterPCRE2MatchesCaselesslyFoldsTheSame() throws {
        let ranges: [ClosedRange<UInt32>] = [
            0x41...0x5A, 0x61...0x7A, 0x80...0x24FF, 0x2C00...0x2DFF, 0xA640...0xA7FF, 0xFF21...0xFF5A,
            0x10400...0x1044F, 0x1E900...0x1E95F,
        ]
        let cased = ranges.flatMap { $0 }.compactMap(Unicode.Scalar.init).filter {
            $0.properties.changesWhenCaseMapped || $0.isASCII
        }
        // Every cased character, each between spaces, in one text.
        let text = cased.map { String($0) }.joined(separator: " ")
        let positions = Dictionary(
            uniqueKeysWithValues: zip(
                cased.indices.map { index in cased[..<index].reduce(0) { $0 + String($1).utf8.count + 1 } }, cased))
        var checked = 0
        for scalar in cased where !scalar.isASCII {
            let regex = try Regex(
                #"(?<= )"# + String(scalar) + #"(?= )|^"# + String(scalar) + #"(?= )"#, options: .caseless)
            for match in try Matcher().matches(of: regex, in: Subject(text)) {
                let other = try #require(positions[match.range.lowerBound])
                checked += 1
                #expect(
                    KeywordScanner.foldForTest(other) == KeywordScanner.foldForTest(scalar),
                    "U+\(String(scalar.value, radix: 16)) matches U+\(String(other.value, radix: 16))")
            }
        }
        #expect(checked > 1_000)
    }
}

extension KeywordScanner {
    /// A character as both automata compare it: ASCII letters lower-cased, others folded.
    static func foldForTest(_ scalar: Unicode.Scalar) -> String {
        let folded = fold(scalar)
        return folded.isASCII ? String(folded).lowercased() : String(folded)
    }
}
