import Testing

@testable import PorchScreening

/// `QuotedText`: quotation marks found, apostrophes left alone.
@Suite struct QuotedTextTests {
    func quoted(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return QuotedText.ranges(in: text).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func doubleAndCurlyMarksPair() {
        #expect(quoted(#"she said "win a pram" and "click here""#) == ["win a pram", "click here"])
        #expect(quoted("got this: “Hello dear, WhatsApp me” and blocked") == ["Hello dear, WhatsApp me"])
        #expect(quoted("« gagnez » et „gewinnen“") == [" gagnez ", "gewinnen"])
    }

    @Test func singleMarksOpenAndCloseOnlyAtWordEdges() {
        #expect(
            quoted("Is this a scam? 'You've won, don't miss out!' It came today.") == ["You've won, don't miss out!"])
        #expect(quoted("‘Dr Osagie’s herbs’, he wrote") == ["Dr Osagie’s herbs"])
        #expect(quoted("don't tell Osagie's mum about the parents' group") == [])
        #expect(quoted("the message ('free hamper') was fake") == ["free hamper"])
    }

    @Test func anOpenQuotationEndsWithItsParagraph() {
        #expect(quoted("it said 'free pram\nand then nothing' more") == [])
        #expect(quoted("it said \"free pram\n\nnew paragraph\" here") == [])
        #expect(quoted("it said \"free pram\nover two lines\" here") == ["free pram\nover two lines"])
        #expect(quoted("an opening \" and nothing after") == [])
        #expect(quoted("") == [])
    }
}
