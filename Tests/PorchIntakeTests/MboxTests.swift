import Testing

@testable import PorchIntake

@Suite struct MboxTests {
    static let archive = """
        From marisol.q@example.net Tue Nov 24 06:01:55 2026
        From: Marisol <marisol.q@example.net>
        Subject: first
        Message-ID: <m1@example.net>

        First message.
        >From the hospital window I watched the sunrise.
        >>From here it only gets easier, they say.

        From someone@example.org Tue Nov 24 07:00:00 2026
        From: someone@example.org
        Content-Transfer-Encoding: x-uuencode

        An unknown transfer encoding makes this one fail.

        From dana@example.com Tue Nov 24 08:00:00 2026
        From: Dana <dana@example.com>
        Subject: =?utf-8?Q?third_=E2=9C=93?=

        Third message, still decoded after the failure.

        """

    @Test func messagesAreNumberedAndABadOneFailsAlone() throws {
        for input in [Self.archive, Samples.crlf(Self.archive)] {
            let results = PostReader(format: .mbox).decode(Samples.bytes(input))
            #expect(results.count == 3)
            let first = try #require(results[0].post)
            #expect(first.position == .message(1))
            #expect(first.format == .mbox)
            #expect(first.externalID == "m1@example.net")
            #expect(
                first.text
                    == "First message.\nFrom the hospital window I watched the sunrise.\n>From here it only gets easier, they say."
            )
            let failure = try #require(results[1].failure)
            #expect(failure.position == .message(2))
            #expect(failure.reason == .undecodableMessage(.unknownTransferEncoding("x-uuencode")))
            #expect(failure.description.hasPrefix("message 2: "))
            let third = try #require(results[2].post)
            #expect(third.position == .message(3))
            #expect(third.subject == "third ✓")
            #expect(third.text == "Third message, still decoded after the failure.")
        }
    }

    @Test func tinyChunksGiveTheSameResults() {
        let whole = PostReader(format: .mbox).decode(Samples.bytes(Self.archive)).map { $0.post?.text }
        for chunk in [1, 5, 13] {
            let chunked = PostReader(format: .mbox, chunkSize: chunk).decode(Samples.bytes(Self.archive))
            #expect(chunked.map { $0.post?.text } == whole)
        }
    }

    @Test func textBeforeTheFirstFromLineIsMessageOne() throws {
        let input =
            "From: a@example.org\n\nno envelope line\n\nFrom b@example.org Tue Nov 24 08:00:00 2026\nFrom: b@example.org\n\nsecond\n"
        let results = PostReader(format: .mbox).decode(Samples.bytes(input))
        #expect(results.map { $0.post?.position } == [.message(1), .message(2)])
        #expect(results.map { $0.post?.text } == ["no envelope line", "second"])
    }

    @Test func oversizeTextBeforeTheFirstFromLineIsStillReported() {
        let input = String(repeating: "z", count: 300) + "\nFrom b\nFrom: b@example.org\n\nsecond\n"
        let limits = IntakeLimits(maxPostBytes: 1_000, maxRecordBytes: 100)
        let results = PostReader(format: .mbox, limits: limits).decode(Samples.bytes(input))
        #expect(results.map(\.failure?.position) == [.message(1), nil])
        #expect(results.last?.post?.position == .message(2))
    }

    @Test func emptyMboxHasNoPosts() {
        #expect(PostReader(format: .mbox).decode(Samples.bytes("")).isEmpty)
        #expect(PostReader(format: .mbox).decode(Samples.bytes("\n\n")).isEmpty)
    }

    @Test func messageOverTheReadLimitFailsAndTheNextStillDecodes() {
        let big = String(repeating: "attachment line\n", count: 100)
        let input = "From x\nFrom: a@example.org\n\n\(big)\nFrom y\nFrom: b@example.org\n\nsmall\n"
        let limits = IntakeLimits(maxPostBytes: 10_000, maxRecordBytes: 500)
        let results = PostReader(format: .mbox, limits: limits, chunkSize: 64).decode(Samples.bytes(input))
        #expect(results.count == 2)
        guard case .recordTooLarge(_, let limit)? = results.first?.failure?.reason else {
            Issue.record("expected the first message to be over the read limit")
            return
        }
        #expect(limit == 500)
        #expect(results.first?.failure?.position == .message(1))
        #expect(results.last?.post?.text == "small")
    }
}
