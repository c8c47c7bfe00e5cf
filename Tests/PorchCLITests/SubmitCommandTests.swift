import Foundation
import Testing

@Suite struct SubmitCommandTests {
    private static func seed(_ path: String) throws -> String {
        try String(contentsOf: PorchProcess.packageRoot.appendingPathComponent("seeds/" + path), encoding: .utf8)
    }

    private static func ids(in outcome: PorchProcess.Outcome) -> [Int] {
        outcome.lines.compactMap { line in
            line.firstMatch(of: #/: #([0-9]+) /#).flatMap { Int($0.1) }
        }
    }

    @Test func textFormatStoresAllOfStdinAsOnePost() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let outcome = try fixture.run(["submit", "--format", "text"], stdin: try Self.seed("post.txt"))
        #expect(outcome.status == 0)
        #expect(outcome.lines.count == 1)
        #expect(outcome.stdout.hasPrefix("stdin: #1 pending"))
        #expect(outcome.stdout.contains("redacted"))
        let listed = try fixture.list()
        #expect(listed.count == 1)
        #expect(try fixture.show(1)["source_format"] as? String == "text")
    }

    @Test func jsonLinesStoresOnePostPerLineInOrder() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let outcome = try fixture.run(["submit", "--format", "jsonl"], stdin: try Self.seed("posts.jsonl"))
        #expect(outcome.status == 0)
        #expect(outcome.lines.count == 26)
        #expect(outcome.lines.enumerated().allSatisfy { $1.hasPrefix("line \($0 + 1): #\($0 + 1) pending") })
        #expect(outcome.stdout.contains("CRISIS suicide"))
        #expect(try fixture.list(["--state", "all"]).count == 26)
        let shown = try fixture.show(5)
        #expect(shown["external_id"] as? String == "s05")
        #expect(shown["crisis"] as? String == "crisis")

        let json = try fixture.run(
            ["submit", "--format", "jsonl", "--json"], stdin: "{\"id\": \"n1\", \"text\": \"A new one about colic.\"}\n"
        )
        let object = try #require(try json.jsonLines().first)
        #expect(object["id"] as? Int == 27)
        #expect(object["external_id"] as? String == "n1")
        #expect(object["state"] as? String == "pending")
    }

    @Test func eachEmailSeedIsStoredAsOnePost() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let files = try FileManager.default.contentsOfDirectory(
            atPath: PorchProcess.packageRoot.appendingPathComponent("seeds/email").path
        ).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count == 4)
        for (index, file) in files.enumerated() {
            let outcome = try fixture.run(["submit", "--format", "email"], stdin: try Self.seed("email/" + file))
            #expect(outcome.status == 0, "\(file): \(outcome.stderr)")
            #expect(outcome.lines.count == 1)
            #expect(Self.ids(in: outcome) == [index + 1])
            #expect(try fixture.show(index + 1)["source_format"] as? String == "email")
        }
        // The sender's address never reaches the scrubbed text.
        let first = try #require(try fixture.show(1)["text"] as? String)
        #expect(!first.contains("priya.nair@example.com"))
        #expect(!first.contains("020 7946 0744"))
    }

    @Test func mboxStoresEveryMessage() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let outcome = try fixture.run(["submit", "--format", "mbox"], stdin: try Self.seed("archive.mbox"))
        #expect(outcome.status == 0)
        #expect(outcome.lines.count == 5)
        #expect(outcome.lines.enumerated().allSatisfy { $1.hasPrefix("message \($0 + 1): #\($0 + 1) ") })
        #expect(try fixture.list().count == 5)
    }

    @Test func aliasesAreStablePerAuthorAndDifferPerGroup() throws {
        let fixture = try DecisionFixture()
        let other = try DecisionFixture()
        defer {
            fixture.remove()
            other.remove()
        }
        let authors = ["mo@example.com", "sam_the_parent", "kit@example.org"]
        let posts = authors.enumerated().map {
            ["text": "Post \($0.offset) about teething rings.", "author": $0.element]
        }
        let again = authors.enumerated().map {
            ["text": "Another \($0.offset) about cot bumpers.", "author": $0.element]
        }
        let first = try fixture.submitIDs(posts)
        let second = try fixture.submitIDs(again)
        let alias = { (group: DecisionFixture, id: Int) throws -> String in
            try #require(try group.show(id)["alias"] as? String)
        }
        let firstAliases = try first.map { try alias(fixture, $0) }
        #expect(try second.map { try alias(fixture, $0) } == firstAliases)
        #expect(Set(firstAliases).count == 3)
        // An address is the same author however it is written.
        let written = try fixture.submitIDs([["text": "Third one about sleep.", "author": "Mo <MO@example.com>"]])
        #expect(try alias(fixture, written[0]) == firstAliases[0])

        // A new group has a new secret: the same authors get other aliases there.
        let elsewhere = try other.submitIDs(posts).map { try alias(other, $0) }
        #expect(elsewhere != firstAliases)
        let anonymous = try fixture.submitIDs([["text": "No author on this one about reflux."]])
        #expect(try alias(fixture, anonymous[0]) == "Anonymous")
    }

    @Test func duplicatesAreReportedAndNotStoredTwice() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let line = "{\"text\": \"Is it normal for a newborn to hiccup this much?\", \"author\": \"ana\"}\n"
        let first = try fixture.run(["submit", "--format", "jsonl"], stdin: line)
        #expect(first.stdout.hasPrefix("line 1: #1 pending"))
        let second = try fixture.run(["submit", "--format", "jsonl"], stdin: line + line)
        #expect(second.status == 0)
        #expect(second.lines.count == 2)
        #expect(second.lines.allSatisfy { $0.contains("duplicate of #1") })
        let json = try fixture.run(["submit", "--format", "jsonl", "--json"], stdin: line)
        #expect(try json.jsonLines().first?["duplicate_of"] as? Int == 1)
        #expect(try fixture.list(["--state", "all"]).count == 1)
    }

    @Test func badLinesAreNamedAndTheRestOfTheBatchIsStored() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        try fixture.editConfig(replacing: "max_post_bytes = 65536", with: "max_post_bytes = 1024")
        let secret = "Zebulon Quartermaine"
        let input =
            [
                "{\"text\": \"Good post one about baby led weaning.\"}",
                "{\"text\": \"broken \(secret)",
                "{\"text\": \"Good post two about bottle refusal.\"}",
                "{\"text\": \"   \"}",
                "{\"text\": \"\(String(repeating: "long words ", count: 200))\(secret)\"}",
                "{\"text\": \"Good post three about sleep training.\"}",
            ].joined(separator: "\n") + "\n"
        let outcome = try fixture.run(["submit", "--format", "jsonl"], stdin: input)
        #expect(outcome.status == 1)
        #expect(outcome.lines.count == 3)
        #expect(outcome.lines.map { String($0.prefix(7)) } == ["line 1:", "line 3:", "line 6:"])
        #expect(outcome.stderr.contains("line 2: malformed JSON"))
        #expect(outcome.stderr.contains("line 4: the post is empty"))
        #expect(outcome.stderr.contains("line 5: the post is"))
        #expect(outcome.stderr.contains("over the limit of 1024 bytes"))
        #expect(outcome.stderr.contains("3 post(s) refused; 3 stored"))
        #expect(!outcome.stderr.contains(secret))
        #expect(try fixture.list().count == 3)
    }

    @Test func undecodableEmailIsRefusedAndTheRestOfAnMboxStored() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let broken = """
            From: Someone <someone@example.com>
            Subject: Hello
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            !!!! not base64 at all ####

            """
        let single = try fixture.run(["submit", "--format", "email"], stdin: broken)
        #expect(single.status == 1)
        #expect(single.stdout.isEmpty)
        #expect(single.stderr.contains("cannot be decoded"))
        #expect(try fixture.list().isEmpty)

        let good = { (n: Int) in
            "From: Parent \(n) <parent\(n)@example.com>\nSubject: Note \(n)\n\nA message number \(n) about reflux.\n"
        }
        let mbox =
            "From a@example.com Mon Jun  3 07:45:12 2024\n" + good(1) + "\n"
            + "From b@example.com Mon Jun  3 07:46:12 2024\n" + broken + "\n"
            + "From c@example.com Mon Jun  3 07:47:12 2024\n" + good(3)
        let outcome = try fixture.run(["submit", "--format", "mbox"], stdin: mbox)
        #expect(outcome.status == 1)
        #expect(outcome.lines.count == 2)
        #expect(outcome.lines[0].hasPrefix("message 1: #"))
        #expect(outcome.lines[1].hasPrefix("message 3: #"))
        #expect(outcome.stderr.contains("message 2: the message cannot be decoded"))
        #expect(try fixture.list().count == 2)
    }

    // MARK: - on_crisis

    @Test func crisisHookGetsTheIdAndLevelButNoText() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let record = fixture.folder.appendingPathComponent("paged")
        let hook = try fixture.script("page", "echo \"$@\" >> '\(record.path)'; env >> '\(record.path).env'")
        try fixture.editConfig(
            replacing: "# on_crisis = \"/usr/local/bin/page-moderator\"", with: "on_crisis = \"\(hook)\"")
        let text = "Tonight I want to kill myself, my number is (312) 555-0177."
        let ids = try fixture.submitIDs([["text": "A calm post about cradle cap."], ["text": text]])

        let paged = try String(contentsOf: record, encoding: .utf8)
        #expect(paged == "\(ids[1]) crisis\n")
        let environment = try String(contentsOf: URL(fileURLWithPath: record.path + ".env"), encoding: .utf8)
        for leak in ["kill myself", "555-0177", "cradle cap"] {
            #expect(!paged.contains(leak))
            #expect(!environment.contains(leak))
        }
    }

    @Test func failingCrisisHookWarnsAndTheCrisisPostIsStored() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let hook = try fixture.script("broken-pager", "exit 1")
        try fixture.editConfig(
            replacing: "# on_crisis = \"/usr/local/bin/page-moderator\"", with: "on_crisis = \"\(hook)\"")
        let outcome = try fixture.submit([["text": "Everyone would be better off without me."]])
        #expect(outcome.status == 0)
        let object = try #require(try outcome.jsonLines().first)
        let id = try #require(object["id"] as? Int)
        #expect(outcome.stderr.contains("on_crisis hook"))
        #expect(outcome.stderr.contains("failed with status 1"))
        #expect(outcome.stderr.contains("post #\(id) is stored"))
        #expect(!outcome.stderr.contains("better off"))
        let listed = try fixture.list()
        #expect(listed.first?["id"] as? Int == id)
        #expect(listed.first?["crisis"] as? String == "crisis")
    }
}
