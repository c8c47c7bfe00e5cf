import PCRE2
import Testing

@testable import PorchScreening

/// The literal prefilter: which words every match of a pattern must contain.
@Suite struct RequiredLiteralsTests {
    @Test(
        arguments: [
            (#"\bkill\s+myself\b"#, ["myself"]),
            (#"(?i:want to die|wanna die)"#, ["want to die", "wanna die"]),
            (#"(?<![0-9])[0-9]{3}-[0-9]{4}"#, nil),
            (#"\b(?:dr|doctor)\.?\s+[A-Z][a-z]+"#, nil),
            (#"(?:overdose|od'?d)\b"#, ["overdose", "odd", "od'd"]),
            (#"MRN\s*:?\s*(?<number>[0-9]+)"#, ["mrn"]),
            (
                #"(?:took|swallowed) (?:all|a bottle of) (?:my |the )?pills"#,
                Set(
                    ["took", "swallowed"].flatMap { verb in
                        ["all", "a bottle of"].flatMap { amount in
                            ["", "my ", "the "].map { "\(verb) \(amount) \($0)pills" }
                        }
                    })
            ),
            (#"ab+c"#, nil),
            (#"(?=kill)\w+"#, nil),
            (#"(?x) kill \s me"#, nil),
            (#"(?i)\bhelp(?:line)?\b"#, ["help"]),
            (#"[^\]]kill[\]]"#, ["kill"]),
            (#"e\.g\.\s+hurt"#, ["e.g."]),
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
        ] as [(String, Set<String>?)])
    func extractsWhatEveryMatchContains(pattern: String, expected: Set<String>?) {
        #expect(RequiredLiterals.extract(pattern) == expected)
    }

    @Test func everyMatchOfATestedPatternContainsOneOfItsWords() throws {
        let cases = [
            (#"(?:took|swallowed)\s+(?:all|a bottle of)\s+(?:my\s+)?pills"#, "I swallowed  a bottle of my pills"),
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
            if let words = RequiredLiterals.extract(pattern) {
                #expect(
                    words.contains { matched.lowercased().contains($0) },
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

    @Test func theScannerFindsEveryKeywordOverlappingOrNot() {
        let scanner = KeywordScanner(keywords: ["he", "she", "his", "hers", "kill myself"])
        let hits = scanner.scan(Array("UsHERS said: I'd KILL MYSELF".utf8))
        #expect((0..<5).map { hits.contains(Int32($0)) } == [true, true, false, true, true])
        #expect(!scanner.scan(Array("kill  myself".utf8)).contains(4))
    }
}
