import Foundation
import Testing

/// Identifiers found by their kind rather than by one sentence (issue 15), through `porch scrub` as a member's post
/// meets it: plates by shape, hospitals by their initials, names by what is said about them, addresses whatever their
/// street type; and the words that must stay (regions, Spanish and French words that are names somewhere).
@Suite struct KindsOfIdentifierTests {
    func scrubbed(_ text: String) throws -> String {
        let run = try PorchProcess.run(["scrub"], stdin: text)
        #expect(run.status == 0, "porch scrub failed: \(run.stderr)")
        return run.stdout.hasSuffix("\n") ? String(run.stdout.dropLast()) : run.stdout
    }

    @Test func platesByTheirShapeWithNoCueButUnitsAndTestsStay() throws {
        #expect(
            try scrubbed("To the person in ZEO 750 who let me in on the motorway: thank you.")
                == "To the person in [plate 1] who let me in on the motorway: thank you.")
        #expect(try scrubbed("084 BBX, if anyone sees it, it's my ex") == "[plate 1], if anyone sees it, it's my ex")
        #expect(
            try scrubbed("the tow company wants the rego (258-369)") == "the tow company wants the rego ([plate 1])")
        let readings = "HR 150 BPM, 400 MCG folic acid, LDL 130, GBP 250 a month, and the rego was 2019"
        #expect(try scrubbed(readings) == readings)
    }

    @Test func anAddressWhateverItsStreetTypeAndAMilitaryAddressGoWhole() throws {
        #expect(
            try scrubbed("It's Apt. 481 564 Jacob Slope, Burtonview, QLD if you're sending cards")
                .hasPrefix("It's [address 1]"))
        #expect(try scrubbed("we're renting 12 Banksia Circuit now") == "we're renting [address 1] now")
        #expect(
            try scrubbed("post to PSC 3468, Box 9958, APO AP 50913 please") == "post to [address 1] please")
    }

    @Test func aHospitalByItsInitialsGoesButMedicalInitialsStay() throws {
        #expect(
            try scrubbed("my wife had our boy at CRH 5 days ago") == "my wife had our boy at [place 1] 5 days ago")
        #expect(try scrubbed("The RAH did everything they could.") == "The [place 1] did everything they could.")
        #expect(try scrubbed("Addies discharged us after 2 days.") == "[place 1] discharged us after 2 days.")
        let medical = "lost a lot of blood, PPH they said, and the NIH page was no help. SMH."
        #expect(try scrubbed(medical) == medical)
    }

    @Test func aNameGoesWhereTheWordsAroundItSayName() throws {
        #expect(try scrubbed("mark here, first time posting.") == "[name 1] here, first time posting.")
        #expect(try scrubbed("Hope is here!! 8 lbs 3 oz") == "[name 1] is here!! 8 lbs 3 oz")
        #expect(try scrubbed("Gift is 34 days old today") == "[name 1] is 34 days old today")
        #expect(try scrubbed("my first (summer) is 4 and") == "my first ([name 1]) is 4 and")
        #expect(
            try scrubbed("We buried him Friday. Terry, 1938 to 2024.")
                == "We buried him Friday. [name 1], 1938 to 2024.")
        #expect(try scrubbed("Her name's Ford. Need I say more.") == "Her name's [name 1]. Need I say more.")
        for kept in ["Sunny here today", "Summer is here at last", "we drive a Ford", "Same here, no sleep"] {
            #expect(try scrubbed(kept) == kept)
        }
    }

    @Test func numbersReadOutDigitByDigitGoButACountStays() throws {
        #expect(
            try scrubbed("they quoted 7 5 0 6 5 8 7 9 2 on the letter") == "they quoted [number 1] on the letter")
        let count = "counting 1 2 3 4 5 6 7 8 9 10 with her"
        #expect(try scrubbed(count) == count)
    }

    @Test func regionsAndSpanishAndFrenchWordsStay() throws {
        let regions = "we moved from Nova Scotia to Northern Ireland, West Virginia before that"
        #expect(try scrubbed(regions) == regions)
        let spanish = "mi niña tiene fiebre y el bebé no come, las he ido guardando"
        #expect(try scrubbed(spanish) == spanish)
        let french = "le bébé dort enfin, mon mari est au travail"
        #expect(try scrubbed(french) == french)
    }
}
