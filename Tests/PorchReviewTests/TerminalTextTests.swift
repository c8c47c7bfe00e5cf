import Testing

@testable import PorchReview

@Suite("Terminal text: sanitizing, width, wrapping")
struct TerminalTextTests {
    /// No scalar a terminal would act on: C0 (but none at all), DEL, C1, bidi controls.
    private func isInert(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value >= 0x20 && !(0x7F...0x9F).contains(value) && !TerminalText.isBidiControl(value)
        }
    }

    @Test(
        "escape sequences, controls and bidi overrides become visible symbols",
        arguments: [
            "\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}31m", "abc\u{202E}fed\u{202C}", "nul\u{0}here",
            "\u{1B}]52;c;ZXZpbA==\u{1B}\\", "\u{2066}isolate\u{2069}", "a\u{7F}b", "\u{85}next", "\r",
        ])
    func inert(_ input: String) {
        let safe = TerminalText.sanitize(input)
        #expect(isInert(safe))
        #expect(!safe.isEmpty)
        // Every dangerous scalar is still visible as one symbol: nothing silently vanishes.
        #expect(safe.unicodeScalars.count == input.unicodeScalars.count)
    }

    @Test("the symbols say what was there")
    func symbols() {
        #expect(TerminalText.sanitize("\u{1B}[2J") == "\u{241B}[2J")
        #expect(TerminalText.sanitize("ding\u{07}") == "ding\u{2407}")
        #expect(TerminalText.sanitize("\u{0}") == "\u{2400}")
        #expect(TerminalText.sanitize("\u{9B}") == String(TerminalText.c1Symbol))
        #expect(TerminalText.sanitize("a\u{202E}b") == "a\(TerminalText.bidiSymbol)b")
        #expect(TerminalText.sanitize("a\u{200B}b") == "a\(TerminalText.invisibleSymbol)b")
        #expect(TerminalText.sanitize("soft\u{AD}hyphen") == "soft\(TerminalText.invisibleSymbol)hyphen")
    }

    @Test("ordinary text, accents, CJK and emoji pass through unchanged")
    func passThrough() {
        for text in ["Hello, world.", "café naïve", "你好，世界", "👨‍👩‍👧 family", "🏳️‍🌈", "👍🏽", "1️⃣", "🇫🇷", "می‌خواهم"] {
            #expect(TerminalText.sanitize(text) == text)
        }
    }

    @Test("a zero-width joiner outside an emoji sequence is shown")
    func strayJoiner() {
        #expect(TerminalText.sanitize("ab\u{200D}cd").contains(TerminalText.invisibleSymbol))
    }

    @Test("display widths: ASCII 1, CJK 2, emoji and ZWJ sequences 2, combining marks 0")
    func widths() {
        #expect(TerminalText.displayWidth("abc") == 3)
        #expect(TerminalText.displayWidth("漢字") == 4)
        #expect(TerminalText.displayWidth("ｆｕｌｌ") == 8)
        #expect(TerminalText.displayWidth("😀") == 2)
        #expect(TerminalText.displayWidth("👨‍👩‍👧") == 2)
        #expect(TerminalText.displayWidth("❤️") == 2)
        #expect(TerminalText.displayWidth("👍🏽") == 2)
        #expect(TerminalText.displayWidth("🇫🇷") == 2)
        #expect(TerminalText.displayWidth("e\u{301}") == 1)
        #expect(TerminalText.displayWidth("한국어") == 6)
        #expect(TerminalText.displayWidth("\u{1100}\u{1161}\u{11A8}") == 2)
        #expect(TerminalText.width(of: Unicode.Scalar(0x301)!) == 0)
    }

    @Test("a combining mark with no base gets a visible one")
    func strayCombiningMark() {
        let safe = TerminalText.sanitize("\u{301}")
        #expect(safe.unicodeScalars.first == TerminalText.invisibleSymbol.unicodeScalars.first)
        #expect(TerminalText.displayWidth("\u{301}") == 1)
    }

    @Test("wrapping breaks at spaces and keeps every line within the width")
    func wrapWords() {
        let lines = TerminalText.wrap("the quick brown fox jumps over the lazy dog", width: 10)
        #expect(lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"])
    }

    @Test("a word longer than the width is broken hard")
    func wrapLongWord() {
        let lines = TerminalText.wrap("see https://example.invalid/a/very/long/path now", width: 12)
        #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 12 })
        #expect(
            lines.joined().replacingOccurrences(of: " ", with: "")
                == "seehttps://example.invalid/a/very/long/pathnow")
    }

    @Test("wrapping never splits a grapheme cluster or overflows with wide characters")
    func wrapWide() {
        let text = String(repeating: "漢", count: 9) + " " + String(repeating: "👨‍👩‍👧", count: 7)
        let lines = TerminalText.wrap(text, width: 5)
        #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 5 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
        #expect(lines.contains("👨‍👩‍👧👨‍👩‍👧"))
    }

    @Test("line breaks in the text start new lines and blank lines are kept")
    func wrapParagraphs() {
        #expect(TerminalText.wrap("one\n\ntwo\r\nthree", width: 20) == ["one", "", "two", "three"])
        #expect(TerminalText.wrap("", width: 20) == [""])
    }

    @Test("spaces where a line breaks do not push it past the width")
    func wrapSpaces() {
        let lines = TerminalText.wrap("abcdefgh     " + String(repeating: "x", count: 20), width: 10)
        #expect(lines.allSatisfy { TerminalText.displayWidth($0) <= 10 })
    }
}
