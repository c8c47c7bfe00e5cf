import Foundation
import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// A post and the scrubbed text the real rules must make of it.
struct ScrubCase: Sendable, CustomTestStringConvertible {
    let kind: String
    let input: String
    let output: String
    var testDescription: String { kind }
}

/// Identifiers by shape plus a cue word in a window of words, across sentences (Rules/pii/ids.toml).
@Suite("PII lane: context windows")
struct ContextWindowTests {
    static let cases: [ScrubCase] = [
        ScrubCase(
            kind: "cue a sentence before", input: "Her chart came back wrong. The number on it: 48213377.",
            output: "Her chart came back wrong. The number on it: [record number 1]."),
        ScrubCase(
            kind: "cue after the number", input: "it's 0330719 on her wristband, not mine",
            output: "it's [record number 1] on her wristband, not mine"),
        ScrubCase(
            kind: "cue on the line above", input: "Medicaid card\n88123 4410",
            output: "Medicaid card\n[plan number 1]"),
        ScrubCase(
            kind: "passport cue, digits only", input: "renewing my passport, 533380006 expires in May",
            output: "renewing my passport, [passport number 1] expires in May"),
        ScrubCase(
            kind: "tax file number", input: "the tax office wants my TFN. It's 123 456 782.",
            output: "the tax office wants my TFN. It's [ID number 1]."),
        ScrubCase(
            kind: "plate with a vehicle cue", input: "A white van keeps parking outside. The plate was KX67 LMT.",
            output: "A white van keeps parking outside. The plate was [plate 1]."),
        ScrubCase(
            kind: "sort code", input: "sort code 20-00-00 please", output: "sort code [account number 1] please"),
    ]

    @Test(arguments: cases)
    func aCueNearTheShapeMakesItAnIdentifier(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }

    static let outside: [ScrubCase] = [
        ScrubCase(
            kind: "cue too far before",
            input: "My chart is a mess. We walked and walked and walked and walked for miles, then 12345 steps.",
            output: "My chart is a mess. We walked and walked and walked and walked for miles, then 12345 steps."),
        ScrubCase(kind: "no cue", input: "we counted 12345 steps", output: "we counted 12345 steps"),
        ScrubCase(
            kind: "a year near a cue", input: "her chart says 2019 and she is 3",
            output: "her chart says 2019 and she is 3"),
    ]

    @Test(arguments: outside)
    func aShapeWithoutACueInItsWindowStays(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }
}

/// The floor: any other unique number, and what it leaves alone.
@Suite("PII lane: the number floor")
struct NumberFloorTests {
    static let scrubbed: [ScrubCase] = [
        ScrubCase(kind: "seven digits", input: "claim 2024553 went nowhere", output: "claim [number 1] went nowhere"),
        ScrubCase(kind: "letters then digits", input: "code M0040418 for her", output: "code [number 1] for her"),
        ScrubCase(kind: "mixed code", input: "use x7Gq29Lp at the door", output: "use [number 1] at the door"),
        ScrubCase(kind: "digits then a letter", input: "it was 12345678T", output: "it was [number 1]"),
    ]

    @Test(arguments: scrubbed)
    func anyOtherUniqueNumberIsScrubbed(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }

    static let kept = [
        "we paid $1200000 for the house", "1,234,567 steps this year", "she was 38wk2d", "500mg twice",
        "a 10x10cm bruise",
        "covid19 again", "7lbs8oz at birth", "HbA1c 48 last week", "24hours of labour", "only 123456 of them",
        "call 08001111 any time", "text 741741", "the old lifeline 18002738255 still forwards", "3500grams",
    ]

    @Test(arguments: kept)
    func moneyMeasuresAndHelplinesStay(_ text: String) throws {
        #expect(try RealRules.scrub(text).text == text)
    }
}

/// Checksums add confidence; they never let a shaped number through.
@Suite("PII lane: checksums do not gate shapes")
struct ChecksumShapeTests {
    static let cases: [ScrubCase] = [
        ScrubCase(
            kind: "SSN outside issued ranges", input: "typo'd it as 666-12-3456 oops",
            output: "typo'd it as [SSN 1] oops"),
        ScrubCase(kind: "ITIN starting with 9", input: "my ITIN 912-78-3456 came", output: "my ITIN [SSN 1] came"),
        ScrubCase(
            kind: "card failing Luhn", input: "card 4111 1111 1111 1112 was charged",
            output: "card [card 1] was charged"),
        ScrubCase(
            kind: "Medicare MBI", input: "the new card says 1EG4-TE5-MK73", output: "the new card says [plan number 1]"),
    ]

    @Test(arguments: cases)
    func aShapedNumberIsScrubbedWhateverItsChecksum(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }
}

/// Every full date format, day and month with a cue, and what stays.
@Suite("PII lane: dates")
struct DateRuleTests {
    static let formats = [
        "14/07/1990", "7/14/90", "1-3-1970", "06.12.1985", "2003-06-09", "2021/3/3", "March 3rd, 2021", "Mar. 3 '21",
        "november 25, 1974", "Sept 9 2020", "18th August 1997", "3rd of March, 2021", "22 May 1985", "1 Jan '99",
        "July the 4th, 1978", "3/14/21", "Dec 2 1993",
    ]

    @Test(arguments: formats)
    func everyFullDateIsScrubbed(_ date: String) throws {
        let result = try RealRules.scrub("it happened on \(date) and I still shake")
        #expect(result.text == "it happened on [date 1] and I still shake")
    }

    static let cued: [ScrubCase] = [
        ScrubCase(
            kind: "birthday month day", input: "her birthday is March 3rd and I can't face it",
            output: "her birthday is [date 1] and I can't face it"),
        ScrubCase(kind: "due day month", input: "due 14 July, a Tuesday", output: "due [date 1], a Tuesday"),
        ScrubCase(kind: "death date", input: "We lost him on Sept. 9", output: "We lost him on [date 1]"),
        ScrubCase(kind: "numeric due date", input: "due 3/14 so any day", output: "due [date 1] so any day"),
    ]

    @Test(arguments: cued)
    func aDayAndMonthAboutAPersonIsScrubbed(_ example: ScrubCase) throws {
        #expect(try RealRules.scrub(example.input).text == example.output)
    }

    static let kept = [
        "born in 2021", "due in March 2027", "March 3 was a Tuesday", "we met on a Monday", "for 3 weeks in May",
        "from 2019 to 2024", "she is 18 months", "fed 3/4 of a bottle", "I may 5 times a day",
    ]

    @Test(arguments: kept)
    func yearsMonthsWeekdaysAndDurationsStay(_ text: String) throws {
        #expect(try RealRules.scrub(text).text == text)
    }
}

/// Every helpline form in resources.toml stays, and the numbers beside it do not.
@Suite("PII lane: helplines from resources.toml")
struct HelplineTests {
    static let forms: [String] = {
        guard let rules = RealRules.loaded?.rules else { return [] }
        return rules.helplines.flatMap(\.numbers)
    }()

    @Test func everyNationalLineIsListed() throws {
        #expect(HelplineTests.forms.count >= 40)
        let regions = Set(try #require(RealRules.loaded?.rules).helplines.map(\.region))
        #expect(regions == ["US", "UK", "IE", "CA", "AU", "NZ"])
    }

    @Test(arguments: forms)
    func everyHelplineFormIsKept(_ form: String) throws {
        let text = "please ring \(form) tonight, they helped me"
        #expect(try RealRules.scrub(text).text == text)
    }

    @Test func otherWrittenFormsAreKeptToo() throws {
        for text in [
            "call +44 800 1111", "ring (0800) 068-4141", "1 (800) 273 8255", "1-800-273-talk", "+61 13 11 14",
            "call 1800.55.1800", "plunketline (0800 933 922) were nice", "+64 800 543 354", "0508 TAUTOKO",
        ] {
            #expect(try RealRules.scrub(text).text == text)
        }
    }

    /// A digit word after a line's number is a word, not its last digit: read as one, "one night" made the line
    /// a longer number, scrubbed as a phone.
    @Test func aDigitWordAfterAHelplineIsAWord() throws {
        for text in [
            "I called Suicide Action Montreal at 1-866-277-3553 one night", "Lifeline 13 11 14 one time",
            "rang 0800 933 922 two nights running",
        ] {
            #expect(try RealRules.scrub(text).text == text)
        }
    }

    @Test func aPersonalNumberBesideAHelplineIsStillScrubbed() throws {
        let result = try RealRules.scrub("call 116 123 or me on 07700 900123")
        #expect(result.text == "call 116 123 or me on [phone 1]")
    }
}
