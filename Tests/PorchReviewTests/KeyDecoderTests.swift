import Testing

@testable import PorchReview

@Suite("Key decoding")
struct KeyDecoderTests {
    private func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(bytes) + decoder.flush()
    }

    @Test(
        "arrows in CSI and SS3 form",
        arguments: [
            ([0x1B, 0x5B, 0x41], Key.up), ([0x1B, 0x5B, 0x42], .down), ([0x1B, 0x5B, 0x43], .right),
            ([0x1B, 0x5B, 0x44], .left), ([0x1B, 0x4F, 0x41], .up), ([0x1B, 0x4F, 0x42], .down),
            ([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x41], .up), ([0x1B, 0x5B, 0x35, 0x7E], .pageUp),
            ([0x1B, 0x5B, 0x36, 0x7E], .pageDown), ([0x1B, 0x5B, 0x48], .home), ([0x1B, 0x5B, 0x34, 0x7E], .end),
            ([0x1B, 0x5B, 0x5A], .backTab),
        ] as [([UInt8], Key)])
    func arrows(bytes: [UInt8], key: Key) {
        #expect(decode(bytes) == [key])
    }

    @Test("Enter is CR, LF or CRLF; Backspace is DEL or BS; Ctrl-C is 0x03")
    func controlKeys() {
        #expect(decode([0x0D]) == [.enter])
        #expect(decode([0x0A]) == [.enter])
        #expect(decode([0x0D, 0x0A]) == [.enter])
        #expect(decode([0x7F, 0x08]) == [.backspace, .backspace])
        #expect(decode([0x03]) == [.control("c")])
        #expect(decode([0x09]) == [.tab])
    }

    @Test("a lone ESC waits for the pause, then is Escape")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
    }

    @Test("an escape sequence split across reads is one key")
    func splitSequence() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]) == [])
        #expect(decoder.decode([0x5B]) == [])
        #expect(decoder.decode([0x42, 0x6A]) == [.down, .character("j")])
    }

    @Test("ESC followed by a letter is Escape then the letter; ESC ESC is two escapes")
    func escapeThenKey() {
        #expect(decode([0x1B, 0x71]) == [.escape, .character("q")])
        #expect(decode([0x1B, 0x1B]) == [.escape, .escape])
    }

    @Test("UTF-8 text decodes to characters, also when split between reads")
    func utf8() {
        #expect(decode(Array("é漢😀".utf8)) == [.character("é"), .character("漢"), .character("😀")])
        var decoder = KeyDecoder()
        let bytes = Array("漢".utf8)
        #expect(decoder.decode(bytes.prefix(2)) == [])
        #expect(decoder.decode(bytes.suffix(1)) == [.character("漢")])
    }

    @Test("invalid bytes and unknown sequences become unknown, and decoding goes on")
    func garbage() {
        #expect(decode([0xFF, 0x6B]) == [.unknown, .character("k")])
        #expect(decode([0x1B, 0x5B, 0x39, 0x39, 0x7E, 0x6A]) == [.unknown, .character("j")])
        #expect(decode([0xC3, 0x41]) == [.unknown, .character("A")])
        // A raw C1 CSI byte is not taken as a sequence start.
        #expect(decode([0x9B, 0x41]) == [.unknown, .character("A")])
    }

    @Test("a sequence that never ends is dropped, not kept forever")
    func endlessSequence() {
        var decoder = KeyDecoder()
        let keys = decoder.decode([0x1B, 0x5B] + Array(repeating: 0x31, count: 100) + [0x6A])
        #expect(keys.contains(.unknown))
        #expect(keys.last == .character("j"))
    }
}
