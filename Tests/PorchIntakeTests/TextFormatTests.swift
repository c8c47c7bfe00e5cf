import Testing

@testable import PorchIntake

@Suite struct TextFormatTests {
    @Test func wholeInputIsOnePostWithOnlyTrailingWhitespaceTrimmed() throws {
        let input = "  I finally slept four hours in a row.\r\nSmall wins!\n\n \t\n"
        let results = PostReader(format: .text).decode(Samples.bytes(input))
        #expect(results.count == 1)
        let post = try #require(results.first?.post)
        #expect(post.text == "  I finally slept four hours in a row.\r\nSmall wins!")
        #expect(post.position == .whole)
        #expect(post.format == .text)
        #expect(post.subject == nil && post.author == nil && post.externalID == nil)
    }

    @Test func emptyAndWhitespaceOnlyInputFail() {
        for input in ["", "  \n\t\r\n"] {
            let results = PostReader(format: .text).decode(Samples.bytes(input))
            #expect(results.count == 1)
            #expect(results.first?.failure?.reason == .emptyPost)
            #expect(results.first?.failure?.description.hasPrefix("stdin: ") == true)
        }
    }

    @Test func invalidUTF8IsReadWithAReplacementAndHeld() throws {
        let bytes = Samples.bytes("Caf") + [0xE9] + Samples.bytes(" meetup, I want to die") + [0x92]
        let post = try #require(PostReader(format: .text).decode(bytes).first?.post)
        #expect(post.text == "Caf\u{FFFD} meetup, I want to die\u{FFFD}")
        let reason = try #require(post.holdReason)
        #expect(reason.contains("2 byte(s) were not valid UTF-8 (the first at byte 3)"))
    }

    @Test func byteOrderMarkIsDropped() throws {
        let results = PostReader(format: .text).decode([0xEF, 0xBB, 0xBF] + Samples.bytes("Hello group"))
        #expect(try #require(results.first?.post).text == "Hello group")
    }

    @Test func postOverTheLimitFailsNamingSizeLimitAndSetting() throws {
        let text = String(repeating: "so tired ", count: 20)  // 180 bytes
        let limits = IntakeLimits(maxPostBytes: 100)
        let results = PostReader(format: .text, limits: limits).decode(Samples.bytes(text))
        let failure = try #require(results.first?.failure)
        #expect(failure.reason == .postTooLarge(bytes: 179, limit: 100))
        #expect(failure.description.contains("179"))
        #expect(failure.description.contains("100"))
        #expect(failure.description.contains(IntakeLimits.maxPostBytesSetting))
    }

    @Test func inputOverTheReadLimitIsRefusedWithoutKeepingIt() throws {
        let limits = IntakeLimits(maxPostBytes: 10, maxRecordBytes: 64)
        let results = PostReader(format: .text, limits: limits, chunkSize: 16).decode(
            [UInt8](repeating: UInt8(ascii: "a"), count: 1000))
        #expect(results.first?.failure?.reason == .postTooLarge(bytes: 1000, limit: 10))
    }
}
