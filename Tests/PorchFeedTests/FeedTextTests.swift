import Testing

@testable import PorchFeed

/// A string of the given scalars, for code points a string literal cannot spell.
private func scalars(_ values: UInt32...) -> String {
    String(String.UnicodeScalarView(values.map { Unicode.Scalar($0)! }))
}

@Suite("Cleaning post text for publication")
struct FeedTextTests {
    @Test(arguments: [
        ("a\u{0}b", "ab") as (String, String),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("crlf\r\nline\rend", "crlf\nline\nend"),
        ("\u{1B}[1;31mred\u{1B}[0m", "red"),
        ("\u{1B}]0;title\u{7}x", "]0;titlex"),
        ("lone\u{1B}", "lone"),
        ("del\u{7F} c1\u{80}\u{9F}", "del c1"),
        ("nonchar" + scalars(0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF), "nonchar"),
        ("keep \u{FFFD} \u{E000} \u{1F994} \u{200F}", "keep \u{FFFD} \u{E000} \u{1F994} \u{200F}"),
    ])
    func removesWhatAFeedCannotCarry(input: String, expected: String) {
        #expect(FeedText.clean(input) == expected)
    }

    @Test func blankLinesSeparateParagraphsOnce() {
        let text = "\n\n  \nfirst line\n  second line  \n \t \n\n\nnext\n\n"
        #expect(FeedText.paragraphs(text) == [["first line", "  second line  "], ["next"]])
        #expect(FeedText.plain(FeedText.paragraphs(text)) == "first line\n  second line  \n\nnext")
    }

    @Test func emptyOrBlankTextHasNoParagraphs() {
        #expect(FeedText.paragraphs("").isEmpty)
        #expect(FeedText.paragraphs(" \n\t\n\u{0}").isEmpty)
    }

    @Test func singleLineCollapsesWhitespace() {
        #expect(FeedText.singleLine("  Quiet\n\tHeron \u{0} ") == "Quiet Heron")
    }

    @Test func htmlEscapesEveryPostCharacterThatIsMarkup() {
        let html = EntryHTML.render(body: [["<a href='x'>&amp;\"</a>", "two"], ["three"]], footer: [["help & hope"]])
        #expect(
            html
                == "<p>&lt;a href=&#39;x&#39;&gt;&amp;amp;&quot;&lt;/a&gt;<br>two</p><p>three</p><hr><p>help &amp; hope</p>"
        )
        #expect(EntryHTML.render(body: [], footer: []) == "")
    }

    @Test func markupEscapingCoversAllFiveCharacters() {
        #expect(MarkupEscaping.escape(#"& < > " ' ]]>"#) == "&amp; &lt; &gt; &quot; &#39; ]]&gt;")
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("q\"b\\s/", #""q\"b\\s/""#),
        ("\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}", #""\u0000\u0001\b\t\n\f\r\u001f\u007f""#),
        ("\u{2028}\u{2029}", #""\u2028\u2029""#),
        ("…—\u{2027}\u{202A}\u{202F}", "\"…—\u{2027}\u{202A}\u{202F}\""),
        ("🦔 𝄞 é", "\"🦔 𝄞 é\""),
    ])
    func jsonStringsEscapeControlsQuotesAndBackslashes(input: String, expected: String) {
        #expect(JSONString.literal(input) == expected)
    }
}
