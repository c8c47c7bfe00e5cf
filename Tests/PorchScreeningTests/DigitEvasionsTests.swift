import Foundation
import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// Evasions a member uses on purpose (Normalizer, DigitEvasions): the rules see through them and the
/// redaction lands on exactly what she typed.
@Suite("PII lane: deliberate evasions")
struct DeliberateEvasionTests {
    static let cases: [ScrubCase] = [
        ScrubCase(
            kind: "keycap digits", input: "text me 0\u{FE0F}\u{20E3}7\u{FE0F}\u{20E3}7\u{FE0F}\u{20E3}00 900123 ok",
            output: "text me [phone 1] ok"),
        ScrubCase(
            kind: "combining accents on digits", input: "ring 0\u{301}7700 9\u{301}00123 later",
            output: "ring [phone 1] later"),
        ScrubCase(
            kind: "spoken double and triple", input: "ring oh seven double seven oh nine triple oh one two three later",
            output: "ring [phone 1] later"),
        ScrubCase(
            kind: "last digit spelled", input: "my number is 0412 345 67 eight.", output: "my number is [phone 1]."),
        ScrubCase(
            kind: "a digit word after the number is a word", input: "text me 0412 345 678 one more time",
            output: "text me [phone 1] one more time"),
        ScrubCase(kind: "letter O for zero", input: "ring O77OO 9OO123 later", output: "ring [phone 1] later"),
        ScrubCase(
            kind: "email spaced letter by letter", input: "write j a n e . d o e @ g m a i l . c o m tonight",
            output: "write [email 1] tonight"),
        ScrubCase(
            kind: "phone spaced digit by digit", input: "it's 0 7 7 0 0 9 0 0 1 2 3 call",
            output: "it's [phone 1] call"),
    ]

    @Test(arguments: cases)
    func theRulesSeeThroughIt(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }

    static let kept = ["10oz bottle", "OK so 2 oo", "Oh no, 3 of them", "a b c d e f g h", "I woke at 3 then 5 then 7"]

    @Test(arguments: kept)
    func ordinaryTextIsNotFolded(_ text: String) throws {
        #expect(try RealRules.scrub(text).text == text)
    }

    @Test func letterOFoldsOnlyInsideDigitRuns() {
        var scalars = Array("O77OO 9OO123 10oz GO 2O OO7".unicodeScalars)
        #expect(DigitEvasions.foldLetterO(&scalars))
        #expect(String(String.UnicodeScalarView(scalars)) == "07700 900123 10oz GO 2O OO7")
    }

    @Test func spacedRunsNeedAnAt() {
        #expect(DigitEvasions.spacedRuns(Array("a b c d e f g h".utf8)).isEmpty)
        #expect(DigitEvasions.spacedRuns(Array("1 2 3 4 5 6 7 8 9".utf8)).isEmpty)
        #expect(DigitEvasions.spacedRuns(Array("x j a n e @ m a i l . c o m".utf8)).count == 1)
    }
}
