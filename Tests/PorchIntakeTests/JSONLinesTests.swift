import Foundation
import Testing

@testable import PorchIntake

@Suite struct JSONLinesTests {
    func decode(_ text: String, limits: IntakeLimits = IntakeLimits(), chunkSize: Int = 65_536) -> [Result<
        IncomingPost, IntakeFailure
    >] {
        PostReader(format: .jsonl, limits: limits, chunkSize: chunkSize).decode(Samples.bytes(text))
    }

    @Test func readsEveryFieldOfAFullLine() throws {
        let line = """
            {"id": "form-118", "text": "Is it normal that I don't feel bonded yet?", "topic": "newborn", \
            "author": {"name": "Dana", "email": "dana.k@example.com"}, "submitted_at": "2026-11-20T08:15:30Z", \
            "referrer": {"page": "/share", "tags": ["a", {"deep": [1, 2.5e-3, null, true]}]}}
            """
        let post = try #require(decode(line).first?.post)
        #expect(post.text == "Is it normal that I don't feel bonded yet?")
        #expect(post.externalID == "form-118")
        #expect(post.topic == "newborn")
        #expect(post.author == Author(name: "Dana", address: "dana.k@example.com"))
        #expect(post.submittedAt == Date(timeIntervalSince1970: 1_795_162_530))
        #expect(post.position == .line(1))
        #expect(post.format == .jsonl)
    }

    @Test func numericIDsAreKeptAsWritten() throws {
        let results = decode(
            """
            {"id": 42, "text": "first"}
            {"id": 12345678901234567890, "text": "second"}
            {"id": -7.50e2, "text": "third"}
            """)
        #expect(results.compactMap(\.post?.externalID) == ["42", "12345678901234567890", "-7.50e2"])
    }

    @Test func authorMayBeAStringOrAnObject() throws {
        let results = decode(
            """
            {"text": "a", "author": "sleepless_dad"}
            {"text": "b", "author": {"name": "Priya"}}
            {"text": "c", "author": {"email": "priya@example.org", "avatar": "x.png"}}
            {"text": "d", "author": null}
            {"text": "e", "author": 7}
            """)
        #expect(results[0].post?.author == Author(name: "sleepless_dad"))
        #expect(results[1].post?.author == Author(name: "Priya"))
        #expect(results[2].post?.author == Author(address: "priya@example.org"))
        #expect(results[3].post != nil && results[3].post?.author == nil)
        #expect(results[4].failure?.reason == .invalidField(name: "author", expected: "a string or an object"))
    }

    @Test func malformedLineInTheMiddleFailsAloneWithItsNumber() throws {
        let results = decode(
            """
            {"id": 1, "text": "Week one was a blur."}
            {"id": 2, "text": "I snapped at my partner again
            {"id": 3, "text": "Grandma is visiting, help."}

            {"id": 4, "text": "We made it to the park!"}
            """)
        #expect(results.count == 4)
        #expect(results[0].post?.externalID == "1")
        let failure = try #require(results[1].failure)
        #expect(failure.position == .line(2))
        guard case .malformedJSON(let problem, let column) = failure.reason else {
            Issue.record("expected malformed JSON, got \(failure.reason)")
            return
        }
        #expect(problem == .unexpectedEnd)
        #expect(column == 49)
        #expect(failure.description.hasPrefix("line 2: malformed JSON"))
        #expect(results[2].post?.position == .line(3))
        // The blank line 4 is skipped but still counted.
        #expect(results[3].post?.position == .line(5))
        #expect(results[3].post?.externalID == "4")
    }

    @Test func lineFailuresNameTheirReason() {
        let results = decode(
            """
            ["not", "an", "object"]
            {"id": "x"}
            {"text": 12}
            {"text": "   "}
            {"text": "ok", "topic": ["sleep"]}
            {"text": "ok", "submitted_at": "last Tuesday"}
            {"text": "ok"} trailing
            {"text": "ok", }
            {"text": "bad \\x escape"}
            {"text": "lone \\ud83d surrogate"}
            """)
        let reasons = results.map(\.failure?.reason)
        #expect(reasons[0] == .notAnObject)
        #expect(reasons[1] == .missingText)
        #expect(reasons[2] == .textNotString)
        #expect(reasons[3] == .emptyPost)
        #expect(reasons[4] == .invalidField(name: "topic", expected: "a string"))
        #expect(
            reasons[5] == .invalidField(name: "submitted_at", expected: "an ISO 8601 date and time with a zone"))
        #expect(reasons[6] == .malformedJSON(.trailingCharacters, column: 16))
        #expect(reasons[7] == .malformedJSON(.expectedKey, column: 16))
        #expect(reasons[8] == .malformedJSON(.invalidEscape, column: 15))
        #expect(reasons[9] == .malformedJSON(.unpairedSurrogate, column: 16))
        #expect(results.map(\.failure?.position) == (1...10).map { .line($0) })
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let line = #"{"text": "tab\there \"quoted\" back\\slash \/ \u00e9t\u00E9 \ud83d\udc76 line\nbreak \b\f\r"}"#
        let post = try #require(decode(line).first?.post)
        #expect(post.text == "tab\there \"quoted\" back\\slash / été 👶 line\nbreak \u{08}\u{0C}\r")
    }

    @Test func escapedKeyNamesStillMatch() throws {
        let post = try #require(decode(#"{"\u0074ext": "escaped key", "\u0069d": 9}"#).first?.post)
        #expect(post.text == "escaped key")
        #expect(post.externalID == "9")
    }

    @Test func repeatedKeyKeepsTheLastValue() throws {
        let post = try #require(decode(#"{"text": "first", "text": "second"}"#).first?.post)
        #expect(post.text == "second")
    }

    @Test func crlfLinesAndAByteOrderMarkAreTolerated() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Samples.bytes("{\"text\": \"one\"}\r\n\r\n{\"text\": \"two\"}\r\n")
        let results = PostReader(format: .jsonl).decode(bytes)
        #expect(results.compactMap(\.post?.text) == ["one", "two"])
        #expect(results.compactMap(\.post?.position) == [.line(1), .line(3)])
    }

    @Test func invalidUTF8IsReadWithAReplacementAndHeldOnlyOnItsLine() throws {
        let bytes =
            Samples.bytes("{\"text\": \"fine\"}\n{\"text\": \"caf") + [0xE9]
            + Samples.bytes("\"}\n{\"text\": \"also fine\"}")
        let results = PostReader(format: .jsonl).decode(bytes)
        #expect(results.count == 3)
        let repaired = try #require(results[1].post)
        #expect(repaired.text == "caf\u{FFFD}")
        #expect(repaired.position == .line(2))
        #expect(repaired.holdReason?.contains("(the first at byte 13)") == true)
        #expect(results[0].post?.holdReason == nil)
        #expect(results[2].post?.text == "also fine")
        #expect(results[2].post?.holdReason == nil)
    }

    @Test func timestampsWithOffsetsAndFractions() throws {
        let results = decode(
            """
            {"text": "a", "submitted_at": "2026-11-20T09:15:30+01:00"}
            {"text": "b", "submitted_at": "2026-11-20 08:15:30.250Z"}
            {"text": "c", "submitted_at": "2026-02-30T08:15:30Z"}
            {"text": "d", "submitted_at": "2026-11-20T08:15:30"}
            """)
        #expect(results[0].post?.submittedAt == Date(timeIntervalSince1970: 1_795_162_530))
        #expect(results[1].post?.submittedAt == Date(timeIntervalSince1970: 1_795_162_530.25))
        #expect(results[2].failure != nil)
        #expect(results[3].failure != nil)
    }

    @Test func postOverTheLimitFailsAndTheNextLineStillDecodes() throws {
        let long = String(repeating: "x", count: 200)
        let results = decode(
            "{\"text\": \"\(long)\"}\n{\"text\": \"short\"}", limits: IntakeLimits(maxPostBytes: 150))
        #expect(results[0].failure?.reason == .postTooLarge(bytes: 200, limit: 150))
        #expect(results[1].post?.text == "short")
    }

    @Test func linesLongerThanTheReadLimitAreSkippedWithoutStoppingTheStream() {
        let huge = "{\"text\": \"" + String(repeating: "y", count: 500) + "\"}"
        let input = "{\"text\": \"before\"}\n" + huge + "\n{\"text\": \"after\"}\n"
        let limits = IntakeLimits(maxPostBytes: 1_000, maxRecordBytes: 100)
        let results = decode(input, limits: limits, chunkSize: 32)
        #expect(results.count == 3)
        #expect(results[0].post?.text == "before")
        #expect(
            results[1].failure == IntakeFailure(position: .line(2), reason: .recordTooLarge(bytes: 512, limit: 100)))
        #expect(results[2].post?.text == "after")
    }

    @Test func tinyChunksGiveTheSameResultsAsOneChunk() {
        var input = ""
        for i in 1...200 {
            input += "{\"id\": \(i), \"text\": \"post number \(i) \\u00e9\"}\(i % 3 == 0 ? "\r\n" : "\n")"
            if i % 50 == 0 { input += "\n" }
        }
        let whole = decode(input).map { $0.post.map { "\($0.position) \($0.externalID ?? "") \($0.text)" } }
        for chunk in [1, 3, 7, 64] {
            let chunked = decode(input, chunkSize: chunk).map {
                $0.post.map { "\($0.position) \($0.externalID ?? "") \($0.text)" }
            }
            #expect(chunked == whole)
        }
        #expect(whole.count == 200)
        #expect(whole.last == "line 203 200 post number 200 é")
    }

    @Test func emptyInputHasNoPosts() {
        #expect(decode("").isEmpty)
        #expect(decode("\n\n  \n").isEmpty)
    }
}
