import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// Name runs (`NameRuns`): the words next to a found name that belong to it go with it, and the words that only
/// stand next to it stay.
@Suite("PII lane: name runs")
struct NameRunsTests {
    @Test(arguments: [
        // Capitalised words after a found name: a business named after its owner.
        ("My brother drives for McAuley Coaches and says the hours are brutal.", "McAuley Coaches"),
        // Capitalised words before it, in the middle of a sentence, through a small word.
        ("I got the pram from Bumps to Babes in town.", "Bumps to Babes"),
        ("Someone mentioned the doula from Birth Bairns today.", "Birth Bairns"),
        ("the charity Hope After Loss Ribble Valley sent us a box", "Hope After Loss Ribble Valley"),
        // "of the" between two words of one name.
        ("the funeral is at St Mary's Star of the Sea next week", "St Mary's Star of the Sea"),
        // A lower-case kind of place right after a found name, in a lower-case post.
        ("we were in the unit, rosie maternity, has a bereavement suite", "rosie maternity"),
        // Two lower-case words the kinds hold together.
        ("so yeah if anyone from coburg lions club reads this", "coburg lions club"),
        // A short kind in capitals, after the place or before it.
        ("Thank you to the team at Northgate ACU and everyone here.", "Northgate ACU"),
        ("the nurse at the CLSC de Rosemont is lovely", "CLSC de Rosemont"),
        // A national service right before a place: its local branch.
        ("a tired dad: Plunket Papakura do a free drop-in on Thursdays", "Plunket Papakura"),
        // A national charity of two or three words, and one in short capitals, before its place.
        ("we got a food parcel from the Salvation Army Spokane last week", "Salvation Army Spokane"),
        ("has anyone done the course with NCT Ballarat this year", "NCT Ballarat"),
        // A name in lower case and the listed surname after it, no dictionary word.
        ("my bro arjun mehta is moving next week", "arjun mehta"),
        // The second syllable of a hyphenated given name.
        ("speech therapy for Kim Min-jun (he is 3) starts Monday", "Kim Min-jun"),
        ("my dad's name was Sang-min and I don't know where he is buried", "Sang-min"),
        // Initials and a nationality inside a run, with a word of the name after them.
        ("The Kerikeri ADHD Parents group has been a lifeline.", "Kerikeri ADHD Parents"),
        ("The Ashburton Filipino Association is doing a fundraiser.", "Ashburton Filipino Association"),
        // The particles of a surname in lower case, between two found words of it or after a title.
        ("Dr Van der Berg says we've got a good chance.", "Van der Berg"),
        ("Mr van den Broek called about the forms", "van den Broek"),
        // A place's own initials, after the town or before it: the whole is an organisation.
        ("His mates from Glossop RUFC have been incredible.", "Glossop RUFC"),
        ("UPMC Altoona discharged him yesterday.", "UPMC Altoona"),
        ("The surf club, Clovelly SLSC, let us use the hall", "Clovelly SLSC"),
        // An organisation "of" a state: the state is part of its name.
        ("we switched to RMA of New Jersey last year", "RMA of New Jersey"),
        ("the NICU at the Medical University of South Carolina was great", "Medical University of South Carolina"),
    ])
    func theWholeNameGoes(post: String, name: String) throws {
        let result = try RealRules.scrub(post)
        let text = try #require(result.text)
        for word in name.split(separator: " ") where word.count > 3 {
            #expect(!text.contains(word), "a word of the name is left")
        }
        #expect(result.redactions.count == 1)
    }

    @Test(arguments: [
        // Titles, greetings, relations, weekdays and roles stay beside the name.
        ("Dr. Okonkwo was kind", "Dr. [name 1] was kind"),
        ("so glad Nana Harpreet came", "so glad Nana [name 1] came"),
        ("we met Harpreet Tuesday after group", "we met [name 1] Tuesday after group"),
        ("Happy Birthday Harpreet", "Happy Birthday [name 1]"),
        ("tell Harpreet Thanks from me", "tell [name 1] Thanks from me"),
        ("Mr Hale the SENCo finally agreed", "Mr [name 1] the SENCo finally agreed"),
        // A sentence's first word is only capitalised because it starts the sentence.
        ("Yesterday Siobhan turned two.", "Yesterday [name 1] turned two."),
        // Two names stay two placeholders.
        ("Thanks Siobhan and Harpreet for the flowers.", "Thanks [name 1] and [name 2] for the flowers."),
        // Short words in capitals are abbreviations, not names.
        ("my son Daniel cries at the NHS clinic", "my son [name 1] cries at the NHS clinic"),
        // Initials or a nationality at the end of a run stay: nothing of the name comes after them.
        ("we moved to Kerikeri NHS style care lol", "we moved to [town 1] NHS style care lol"),
        ("Thanks Siobhan LOL you are great", "Thanks [name 1] LOL you are great"),
        // Initials every town has, a state's, or after a person: they stay.
        ("Sheffield ICB were quicker than I thought", "[name 1] ICB were quicker than I thought"),
        ("I drove from Ballarat NSW to here", "I drove from [town 1] NSW to here"),
        ("Thanks Siobhan BSN for everything", "Thanks [name 1] BSN for everything"),
        // "of" and a state or country after a town or a person is not part of the name.
        ("my sister Siobhan of Ireland fame", "my sister [name 1] of Ireland fame"),
        // A national charity alone stays.
        ("the Salvation Army were so kind to us", "the Salvation Army were so kind to us"),
        // A national service before a name is not a branch when a holiday or a faith word: those stay.
        ("thank God Siobhan was there", "thank God [name 1] was there"),
        // After a name in lower case, a dictionary word stays even when it is a surname too.
        ("my friend sarah lol is coming", "my friend [name 1] lol is coming"),
    ])
    func wordsBesideANameStay(post: String, expected: String) throws {
        #expect(try RealRules.scrub(post).text == expected)
    }

    @Test(arguments: [
        // Capitalised words before "in" and a found town, or "on" and a found street: the organisation there.
        (
            "14 eggs, 11 mature. Desert Bloom Reproductive in Scottsdale were lovely.",
            "14 eggs, 11 mature. [place 1] in [town 1] were lovely."
        ),
        ("the class run by Soothe & Stretch in Ballarat is £60", "the class run by [place 1] in [town 1] is £60"),
        (
            "4th time this month. Little Acorns on 14 Larch Close is closing",
            "4th time this month. [place 1] on [address 1] is closing"
        ),
        // One word alone only inside a sentence and out of the dictionary; never a contraction or a language.
        ("I studied English in Ballarat", "I studied English in [town 1]"),
        ("Creche in Ballarat quoted $90 a day", "Creche in [town 1] quoted $90 a day"),
        ("so that's that. We're in Ballarat now", "so that's that. We're in [town 1] now"),
        // A chain in or at a town is that town's branch; before a street, the street already says which one.
        ("we went to Costco in Ballarat", "we went to [place 1] in [town 1]"),
        ("the Bunnings at Moorabbin has a cafe", "the [place 1] at [town 1] has a cafe"),
        ("the woman in Greggs on Northumberland Street", "the woman in Greggs on [address 1]"),
    ])
    func anOrganisationBeforeItsPlace(post: String, expected: String) throws {
        #expect(try RealRules.scrub(post).text == expected)
    }

    @Test func inAPostInTitleCaseOnlyWordsOutsideTheDictionaryJoin() throws {
        let text = try RealRules.scrub("My Husband Siobhan Said We Should Go Home Soon").text
        #expect(text?.contains("Should Go Home Soon") == true)
    }

    @Test func rulesWithoutTheStopListScrubAsWritten() throws {
        var rules = try #require(RealRules.loaded?.rules)
        rules.lists["name-run-stop"] = nil
        let screener = try Screener(rules: rules)
        let result = screener.scrub(
            "My brother drives for McAuley Coaches and says the hours are brutal.", matcher: Matcher())
        #expect(result.text?.contains("Coaches") == true)
    }
}
