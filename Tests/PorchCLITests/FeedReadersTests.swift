import Foundation
import Testing

/// The feed as readers show it: titles apart from the body, the group's links, helplines as links, aliases that
/// change when the group asks; checked with feedparser and with scripts/feed-check (a strict XML parse with the
/// rules of RFC 4287, and a JSON Schema of JSON Feed 1.1), neither of them ours.
@Suite struct FeedReadersTests {
    static let links = [
        ("# home_page = \"https://example.org/our-group\"", "home_page = \"https://example.org/night-shift\""),
        ("# atom_url = \"https://example.org/our-group/feed.atom\"", "atom_url = \"https://example.org/ns/feed.atom\""),
        ("# json_url = \"https://example.org/our-group/feed.json\"", "json_url = \"https://example.org/ns/feed.json\""),
    ]

    static let email = """
        From: Sam <sam@example.net>
        To: group@example.org
        Subject: Four month sleep regression
        Date: Tue, 4 Jun 2024 03:12:00 +0000
        Content-Type: text/plain; charset=utf-8

        She was sleeping five hours at a stretch and now wakes every ninety minutes.
        Is this the regression everyone talks about, and does it pass?

        """

    /// `scripts/feed-check/check-feeds.py` on the group's two files: its report, and its exit status.
    static func independentCheck(_ group: PublishFixture) throws -> (report: [String: Any], status: Int32) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/feed-check/check-feeds.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, group.atomPath, group.jsonPath]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = OutputCollector(output.fileHandleForReading)
        let err = OutputCollector(errors.fileHandleForReading)
        process.waitUntilExit()
        let stdout = out.finish()
        let stderr = err.finish()
        try #require(process.terminationStatus != 3, "a feed parser is missing: run scripts/setup.sh --test")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "no report: \(stderr)")
        return (report, process.terminationStatus)
    }

    static func problems(_ report: [String: Any]) -> [String] {
        ["atom", "json"].flatMap { ((report[$0] as? [String: Any])?["problems"] as? [String]) ?? [] }
    }

    @Test func subjectIsTheTitleLinksAreSetAndBothParsersAgree() throws {
        let group = try PublishFixture.make(settings: Self.links)
        let mail = try PorchProcess.run(
            ["submit", "--dir", group.root.path, "--format", "email", "--json"], stdin: Self.email)
        try #require(mail.status == 0, "\(mail.stderr)")
        let mailID = Int64(try #require(try mail.jsonLines().first?["id"] as? Int))
        let ids = try group.submit([
            ["id": "c1", "text": "Some days I think everyone would be better off without me.", "author": "kim"],
            ["id": "r1", "text": "Week six of maternity leave and I miss adult conversation more than sleep."],
        ])
        try group.approve([mailID] + ids)
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")

        // feedparser: the subject is the title, and the body does not repeat it.
        let feeds = try group.parseFeeds()
        let queue = try group.queue()
        let mailEntry = try #require(feeds.atom.entries.first { $0.id == (try? queue.post(id: mailID))?.entryID })
        #expect(mailEntry.title == "Four month sleep regression")
        #expect(mailEntry.contentText.hasPrefix("She was sleeping five hours"))
        #expect(!mailEntry.contentText.contains("Four month sleep regression"))
        let mailItem = try #require(feeds.json.items.first { $0.id == mailEntry.id })
        #expect(mailItem.title == mailEntry.title)
        #expect(mailItem.contentText.hasPrefix("She was sleeping five hours"))

        // The independent check: no problem in either file, and the links readers use.
        let (report, status) = try Self.independentCheck(group)
        #expect(status == 0, "\(Self.problems(report))")
        #expect(Self.problems(report).isEmpty)
        let atom = try #require(report["atom"] as? [String: Any])
        let feedLinks = try #require(atom["links"] as? [[String: Any]])
        #expect(
            feedLinks.contains {
                $0["rel"] as? String == "self" && $0["href"] as? String == "https://example.org/ns/feed.atom"
            })
        #expect(
            feedLinks.contains {
                $0["rel"] as? String == "alternate" && $0["href"] as? String == "https://example.org/night-shift"
            })
        let json = try #require((report["json"] as? [String: Any])?["feed"] as? [String: Any])
        #expect(json["home_page_url"] as? String == "https://example.org/night-shift")
        #expect(json["feed_url"] as? String == "https://example.org/ns/feed.json")

        // The crisis post ends with the helplines, as links; the post's own text is never linked.
        let entries = try #require(atom["entries"] as? [[String: Any]])
        let crisisID = try queue.post(id: ids[0]).entryID
        let crisis = try #require(entries.first { $0["id"] as? String == crisisID })
        let html = try #require(crisis["content"] as? String)
        #expect(html.contains("<a href=\"tel:988\">988</a>"))
        #expect(html.contains("<a href=\"https://988lifeline.org\">https://988lifeline.org</a>"))
        let body = try #require(html.components(separatedBy: "<hr>").first)
        #expect(!body.contains("<a "))
        let routine = try #require(entries.first { $0["id"] as? String == (try? queue.post(id: ids[1]))?.entryID })
        #expect(!(routine["content"] as? String ?? "").contains("<a "))
    }

    @Test func aliasesChangeEveryPostWhenTheGroupAsksAndModeratorsKeepTheStableOne() throws {
        for (rotation, expectSame) in [("post", false), ("days", true), ("never", true)] {
            let group = try PublishFixture.make(settings: [
                ("alias_rotation = \"never\"", "alias_rotation = \"\(rotation)\"")
            ])
            let ids = try group.submit([
                [
                    "id": "a1", "text": "First night home from the hospital and nobody slept.",
                    "author": "pat@example.net",
                ],
                [
                    "id": "a2", "text": "Second week and we have a rhythm of sorts, mostly.",
                    "author": "pat@example.net",
                ],
            ])
            try group.approve(ids)
            let run = try group.publish()
            #expect(run.status == 0, "\(run.stderr)")
            let queue = try group.queue()
            let posts = try ids.map { try queue.post(id: $0) }
            // The moderators' view: one member, one alias.
            #expect(posts[0].alias == posts[1].alias)
            let feeds = try group.parseFeeds()
            let authors = try posts.map { post in
                try #require(feeds.atom.entries.first { $0.id == post.entryID }?.author)
            }
            let jsonAuthors = try posts.map { post in
                try #require(feeds.json.items.first { $0.id == post.entryID }?.author)
            }
            #expect(authors == jsonAuthors)
            #expect((authors[0] == authors[1]) == expectSame, "alias_rotation = \(rotation)")
            if rotation == "never" {
                #expect(authors[0] == posts[0].alias)
            } else {
                #expect(!authors.contains(posts[0].alias), "alias_rotation = \(rotation) shows a new alias")
            }
            // Publishing again writes the same aliases: a rotation is stable within its period.
            #expect(try group.publish().status == 0)
            let again = try group.parseFeeds()
            #expect(
                try posts.map { post in try #require(again.atom.entries.first { $0.id == post.entryID }?.author) }
                    == authors)
        }
    }

    @Test func unknownRotationIsRefusedWithTheChoices() throws {
        let group = try PublishFixture.make(settings: [("alias_rotation = \"never\"", "alias_rotation = \"weekly\"")])
        let run = try group.publish()
        #expect(run.status == 2)
        #expect(run.stderr.contains("'alias_rotation' must be one of: never, post, days"))
    }
}
