import Foundation
import Testing

/// What intake cannot read faithfully is stored held for a moderator, not bounced (issue 14 item 5, issue 19
/// item 8): a stray byte, a charset Porch does not know, a message of attachments only.
@Suite struct IntakeHoldTests {
    @Test func aCrisisPostWithAStrayWindows1252ByteReachesAModeratorFirst() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        _ = try fixture.submitIDs([["text": "A calm post about cradle cap."]])
        // 0x92 is windows-1252's right quote: "I can\u{2019}t go on, I want to kill myself tonight".
        let bytes = Array("I can".utf8) + [0x92] + Array("t go on, I want to kill myself tonight.".utf8)
        let outcome = try PorchProcess.run(
            ["submit", "--format", "text", "--json", "--dir", fixture.group.path], stdinBytes: bytes)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let line = try #require(try outcome.jsonLines().first)
        #expect(line["state"] as? String == "held")
        #expect(line["crisis"] as? String == "crisis")
        #expect((line["held"] as? String)?.contains("not valid UTF-8") == true)
        let listed = try fixture.list()
        #expect(listed.first?["id"] as? Int == line["id"] as? Int, "the crisis post sorts first")
    }

    @Test func aJSONLineWithABadByteIsHeldAndTheOthersStored() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let bytes =
            Array("{\"text\": \"Fine post about naps.\"}\n{\"text\": \"Caf".utf8) + [0xE9]
            + Array(" meetup was lovely.\"}\n".utf8)
        let outcome = try PorchProcess.run(
            ["submit", "--format", "jsonl", "--json", "--dir", fixture.group.path], stdinBytes: bytes)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let states = try outcome.jsonLines().map { $0["state"] as? String }
        #expect(states == ["pending", "held"])
    }

    @Test func mailWithOnlyAttachmentsIsQuarantinedAndCanBeDiscarded() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let message = """
            From: Someone <someone@example.com>
            Subject: scans
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=zz

            --zz
            Content-Type: image/jpeg; name="ultrasound-jane-doe.jpg"
            Content-Disposition: attachment; filename="ultrasound-jane-doe.jpg"
            Content-Transfer-Encoding: base64

            /9j/4AAQSkZJRgABAQ==
            --zz--

            """
        let outcome = try fixture.run(["submit", "--format", "email", "--json"], stdin: message)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let line = try #require(try outcome.jsonLines().first)
        let id = try #require(line["id"] as? Int)
        #expect(line["state"] as? String == "held")
        let shown = try fixture.run(["queue", "show", String(id)])
        #expect(shown.stdout.contains("no text Porch can read"))
        #expect(!shown.stdout.contains("jane-doe"))
        let rejected = try fixture.run(["reject", String(id), "--reason", "attachments only"])
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try fixture.list().isEmpty)
    }

    @Test func textAttachmentsAreMentionedToTheModerator() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let message = """
            From: Someone <someone@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=zz

            --zz
            Content-Type: text/plain; charset=utf-8

            Sharing my week, notes attached.
            --zz
            Content-Type: text/plain; name="notes.txt"
            Content-Disposition: attachment; filename="notes.txt"

            The notes.
            --zz--

            """
        let ids = try fixture.run(["submit", "--format", "email", "--json"], stdin: message)
        let id = try #require(try ids.jsonLines().first?["id"] as? Int)
        let shown = try fixture.run(["queue", "show", String(id)])
        #expect(shown.stdout.contains("[1 text attachment(s) not read]"))
    }
}
