@testable import PorchFeed
import Testing

@Suite("Titles for posts that have none")
struct EntryTitleTests {
    @Test func shortTextIsItsOwnTitle() {
        #expect(EntryTitle.derive(from: "  Rough night.\n\nBaby finally asleep ") == "Rough night. Baby finally asleep")
    }

    @Test func longTextIsCutAtAWordBoundaryWithAnEllipsis() {
        let text = "Does anyone else feel like they are failing at this every single day, even when things go fine?"
        let title = EntryTitle.derive(from: text)
        #expect(title == "Does anyone else feel like they are failing at this every…")
        #expect(title.count <= EntryTitle.maxLength + 1)
    }

    @Test func textEndingExactlyOnAWordKeepsThatWord() {
        // Sixty characters, then a space: the whole sixtieth-character word fits.
        let head = String(repeating: "abcd ", count: 11) + "abcde"
        #expect(head.count == 60)
        #expect(EntryTitle.derive(from: head + " more words") == head + "…")
    }

    @Test func danglingPunctuationIsDroppedBeforeTheEllipsis() {
        let text = "I keep thinking about it, over and over, and I do not know, what, to do now at all"
        #expect(EntryTitle.derive(from: text) == "I keep thinking about it, over and over, and I do not know…")
    }

    @Test func aVeryLongFirstWordIsCutInside() {
        let word = String(repeating: "a", count: 80)
        #expect(EntryTitle.derive(from: word) == String(repeating: "a", count: 60) + "…")
    }

    @Test func emojiAndCombiningMarksAreNeverSplit() {
        let family = "👩‍👧‍👦"
        let text = String(repeating: family, count: 70)
        let title = EntryTitle.derive(from: text)
        #expect(title == String(repeating: family, count: 60) + "…")
        let accented = String(repeating: "e\u{301}", count: 70)
        #expect(EntryTitle.derive(from: accented).unicodeScalars.last == "…")
        #expect(EntryTitle.derive(from: accented).dropLast().allSatisfy { $0 == "e\u{301}" })
    }

    @Test func textWithNothingPrintableIsUntitled() {
        #expect(EntryTitle.derive(from: " \n\u{0}\u{1B}[0m ") == EntryTitle.untitled)
    }

    @Test func aGivenTitleWinsUnlessItIsBlank() {
        #expect(EntryTitle.resolve(given: " Sleep \n help ", text: "body") == "Sleep help")
        #expect(EntryTitle.resolve(given: " \u{0} ", text: "body text") == "body text")
        #expect(EntryTitle.resolve(given: nil, text: "body text") == "body text")
    }
}

@Suite("Titles apart from the body, links in the footer")
struct EntryTitleSplitTests {
    @Test func aShortFirstLineFollowedByMoreIsTheTitleAndLeavesTheBody() {
        let split = EntryTitle.split(given: nil, text: "Four month sleep regression\n\nShe wakes every ninety minutes.")
        #expect(split.title == "Four month sleep regression")
        #expect(split.body == "\nShe wakes every ninety minutes.")
    }

    @Test func aLongOrLoneLineKeepsTheWholeTextAsBody() {
        let lone = "Rough night, baby finally asleep"
        #expect(EntryTitle.split(given: nil, text: lone) == (title: lone, body: lone))
        let long = String(repeating: "word ", count: 20) + "\nmore"
        #expect(EntryTitle.split(given: nil, text: long).body == long)
        #expect(EntryTitle.split(given: nil, text: long).title.hasSuffix("…"))
    }

    @Test func aGivenTitleKeepsTheWholeText() {
        #expect(EntryTitle.split(given: "Mine", text: "First\nSecond") == (title: "Mine", body: "First\nSecond"))
    }

    @Test func footerNumbersAndAddressesBecomeLinksAndNothingElse() {
        let html = FooterLinks.html("988 Lifeline: Call or text 988 (https://988lifeline.org) <24/7>")
        #expect(html.contains("Call or text <a href=\"tel:988\">988</a>"))
        #expect(html.contains("(<a href=\"https://988lifeline.org\">https://988lifeline.org</a>)"))
        #expect(html.contains("&lt;24/7&gt;"))
        let text = FooterLinks.html("Crisis Text Line: Text HOME to 741741")
        #expect(text.contains("<a href=\"sms:741741\">741741</a>"))
        let uk = FooterLinks.html("Samaritans: 116 123 (UK & IE)")
        #expect(uk.contains("<a href=\"tel:116123\">116 123</a>"))
        #expect(uk.contains("&amp;"))
    }
}
