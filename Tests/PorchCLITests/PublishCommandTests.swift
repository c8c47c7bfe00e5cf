import Foundation
import PorchQueue
import Testing

/// `porch publish` through the built binary: the feed files as a real parser reads them.
@Suite struct PublishCommandTests {
    /// Hostile text: markup, a CDATA end, an entity, quotes, C0 controls, a terminal escape and emoji.
    static let hostileText =
        "<script>alert(1)</script> then ]]> and &amp; & \"double\" 'single'\u{7}\u{1}\u{B} \u{1B}[31mred\u{1B}[0m 🌱👩‍👧"
    /// What the feed must carry for it: the same text without the controls and the escape sequence.
    static let hostilePublished = "<script>alert(1)</script> then ]]> and &amp; & \"double\" 'single' red 🌱👩‍👧"

    /// A post full of identifying details, each of which must stay out of the feed.
    static var identifying: [String: Any] {
        [
            "id": "intake-7f3a9c-secret",
            "text": "Night feeds are endless. Call me on (312) 555-0142 or mail jo.kowalczyk@example.com."
                + " Thanks, Daniel Brightwater",
            "author": ["name": "Daniel Brightwater", "email": "daniel.brightwater@example.net"],
            "submitted_at": "2024-06-03T03:41:09Z",
            "topic": "nightfeeds-private-topic",
        ]
    }

    @Test func bothFeedsParseWithIDsAliasesCoarseDatesAndEscapedContent() throws {
        let group = try PublishFixture.make(name: "Night Shift & <Friends> \"2am\"")
        let ids = try group.submit([
            ["id": "h1", "text": Self.hostileText, "author": "someone"],
            Self.identifying,
            ["id": "c1", "text": "Some days I think everyone would be better off without me."],
        ])
        try group.approve(ids)
        let before = Date()
        let run = try group.publish()
        let after = Date()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("published 3 post(s)"))

        let feeds = try group.parseFeeds()
        let queue = try group.queue()
        let posts = try ids.map { try queue.post(id: $0) }
        #expect(posts.allSatisfy { $0.state == .published })
        #expect(feeds.atom.title == "Night Shift & <Friends> \"2am\"")
        #expect(feeds.json.title == feeds.atom.title)
        #expect(feeds.atom.id == (try group.configValue("id")))

        let entryIDs = posts.map { $0.entryID ?? "" }
        #expect(Set(feeds.atom.entries.map(\.id)) == Set(entryIDs))
        #expect(Set(feeds.json.items.map(\.id)) == Set(entryIDs))
        #expect(entryIDs.allSatisfy { $0.hasPrefix("urn:uuid:") })
        for post in posts {
            let entry = try #require(feeds.atom.entries.first { $0.id == post.entryID })
            let item = try #require(feeds.json.items.first { $0.id == post.entryID })
            #expect(entry.author == post.alias)
            #expect(item.author == post.alias)
            #expect(entry.title == item.title)
            // Published at the hour of publication (UTC), not at submission time.
            let published = try #require(PublishFixture.date(entry.published))
            #expect(PublishFixture.isHourOf(published, between: before, and: after))
            #expect(try #require(PublishFixture.date(item.datePublished)) == published)
        }

        let hostile = try #require(feeds.json.items.first { $0.id == posts[0].entryID })
        #expect(hostile.contentText == Self.hostilePublished)
        #expect(hostile.title.hasPrefix("<script>alert(1)</script>"))
        let hostileEntry = try #require(feeds.atom.entries.first { $0.id == posts[0].entryID })
        #expect(hostileEntry.contentText == Self.hostilePublished)
        #expect(hostileEntry.title == hostile.title)
        #expect(hostileEntry.content.contains("&lt;script&gt;"))
        #expect(!hostileEntry.content.contains("<script"))
        #expect(hostile.contentHTML.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(hostile.contentHTML.contains("&amp;amp;"))
        // The hash recorded with the post is the hash of the text that went out.
        #expect(posts[0].publishedTextHash == ContentHasher.sha256Hex(of: Self.hostilePublished))

        // Raw bytes: no live markup or CDATA end in the Atom file, no control characters in either file.
        let atomText = try String(contentsOfFile: group.atomPath, encoding: .utf8)
        #expect(!atomText.contains("<script"))
        #expect(!atomText.contains("]]>"))
        for path in [group.atomPath, group.jsonPath] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F }, "\(path)")
        }

        // The crisis post ends with the group's resources; the others do not.
        let crisis = try #require(feeds.json.items.first { $0.id == posts[2].entryID })
        #expect(crisis.contentText.hasPrefix("Some days I think everyone would be better off without me."))
        #expect(crisis.contentText.contains("988 Suicide & Crisis Lifeline: Call or text 988"))
        #expect(!hostile.contentText.contains("988"))
        let crisisEntry = try #require(feeds.atom.entries.first { $0.id == posts[2].entryID })
        #expect(crisisEntry.contentText.contains("988 Suicide & Crisis Lifeline"))
    }

    @Test func nothingIdentifyingAppearsInEitherFile() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([Self.identifying])
        try group.approve(ids)
        let queue = try group.queue()
        let pseudonym = try queue.post(id: ids[0]).pseudonym
        let contentHash = try queue.post(id: ids[0]).contentHash
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")
        let feeds = try group.parseFeeds()
        #expect(feeds.json.items.count == 1)
        #expect(feeds.json.items[0].contentText.contains("[phone 1]"))

        let secrets = [
            "555-0142", "5550142", "jo.kowalczyk", "example.com", "Daniel", "Brightwater", "daniel.brightwater",
            "example.net", "intake-7f3a9c-secret", "nightfeeds-private-topic", "2024-06-03", "03:41", pseudonym,
            contentHash,
        ]
        for path in [group.atomPath, group.jsonPath] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for secret in secrets where !secret.isEmpty {
                #expect(!text.localizedCaseInsensitiveContains(secret), "an identifying value is in \(path)")
            }
        }
        for stream in [run.stdout, run.stderr] {
            #expect(!stream.contains("555-0142") && !stream.contains("Brightwater"))
        }
    }

    @Test func publishingAgainPublishesNothingTwiceAndKeepsEveryID() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([
            ["text": "First night home and nobody slept."],
            ["text": "Does the second week get easier?"],
            ["text": "Cluster feeding at 6pm every day."],
        ])
        try group.approve(Array(ids.prefix(2)))
        #expect(try group.publish().status == 0)
        let firstAtom = try Data(contentsOf: URL(fileURLWithPath: group.atomPath))
        let firstJSON = try Data(contentsOf: URL(fileURLWithPath: group.jsonPath))
        let first = try group.parseFeeds()

        let again = try group.publish(["--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let summary = try #require(try again.jsonLines().first)
        #expect((summary["published"] as? [Any])?.isEmpty == true)
        #expect(summary["feed_entries"] as? Int == 2)
        // Nothing changed, so the files are rewritten byte for byte.
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.atomPath)) == firstAtom)
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.jsonPath)) == firstJSON)

        try group.approve([ids[2]])
        let third = try group.publish(["--json"])
        #expect(third.status == 0, "\(third.stderr)")
        let published = try #require(try third.jsonLines().first?["published"] as? [[String: Any]])
        #expect(published.map { $0["id"] as? Int } == [Int(ids[2])])
        let entryID = try #require(try group.queue().post(id: ids[2]).entryID)
        #expect(published.first?["entry_id"] as? String == entryID)

        let second = try group.parseFeeds()
        #expect(second.atom.entries.count == 3)
        #expect(second.json.items.count == 3)
        #expect(Set(second.atom.entries.map(\.id)) == Set(first.atom.entries.map(\.id)).union([entryID]))
        #expect(Set(second.json.items.map(\.id)) == Set(second.atom.entries.map(\.id)))
        for entry in first.atom.entries {
            let same = try #require(second.atom.entries.first { $0.id == entry.id })
            #expect(same == entry)
        }
        let queue = try group.queue()
        for id in ids {
            #expect(try queue.history(id: id).filter { $0.action == .published }.count == 1)
        }
    }

    @Test func dryRunReportsAndWritesNothing() throws {
        let group = try PublishFixture.make()
        let ids = try group.submit([["text": "Tummy time tips?"], ["text": "Teething already at 3 months?"]])
        try group.approve([ids[0]])
        let dry = try group.publish(["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would publish 1 post(s): #\(ids[0])"))
        #expect(dry.stdout.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: group.atomPath))
        #expect(!FileManager.default.fileExists(atPath: group.jsonPath))
        #expect(try group.queue().post(id: ids[0]).state == .approved)

        #expect(try group.publish().status == 0)
        let atom = try Data(contentsOf: URL(fileURLWithPath: group.atomPath))
        let json = try Data(contentsOf: URL(fileURLWithPath: group.jsonPath))
        try group.approve([ids[1]])
        let second = try group.publish(["--dry-run", "--json"])
        let summary = try #require(try second.jsonLines().first)
        #expect(summary["dry_run"] as? Bool == true)
        #expect((summary["published"] as? [[String: Any]])?.map { $0["id"] as? Int } == [Int(ids[1])])
        #expect(summary["feed_entries"] as? Int == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.atomPath)) == atom)
        #expect(try Data(contentsOf: URL(fileURLWithPath: group.jsonPath)) == json)
        #expect(try group.queue().post(id: ids[1]).state == .approved)
    }

    @Test func finalScreeningKeepsBackWhatTheFeedWouldReveal() throws {
        let group = try PublishFixture.make()
        // A control character splits a phone number: the first screening does not see it, but the feed drops
        // the control and would join it. The final screening reads the text as the feed will. (A crisis phrase
        // split the same way no longer hides: intake drops the control before the crisis lane reads the post,
        // and the learned weights read through it as well.)
        let ids = try group.submit([
            ["text": "Ring me at (312) 555-\u{1}0142 after nine."],
            ["text": "Honestly I want to k\u{1}ill myself tonight."],
            ["text": "We finally got a four hour stretch!"],
        ])
        let queue = try group.queue()
        #expect(try queue.post(id: ids[0]).redactions.isEmpty, "the split number must pass the first screening")
        #expect(try queue.post(id: ids[1]).crisisLevel != .none, "a split crisis phrase is flagged at submission")
        try group.approve(ids)

        let run = try group.publish()
        #expect(run.status == 3)
        #expect(run.stdout.contains("kept back 1 post(s)"))
        #expect(run.stderr.contains("post \(ids[0]) was not published"))
        #expect(run.stderr.contains("pii.phone.nanp (PHONE)"))
        for secret in ["555", "0142"] {
            #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret))
        }
        // It went back to a moderator with the final screening's results, and must be approved again.
        let phone = try queue.post(id: ids[0])
        #expect(phone.state == .pending)
        #expect(phone.redactions.map(\.type) == ["PHONE"])
        #expect(phone.scrubbedText.contains("[phone 1]") && !phone.scrubbedText.contains("0142"))
        #expect(try queue.history(id: ids[0]).last?.action == .sentBack)
        #expect(try queue.post(id: ids[2]).state == .published)
        #expect(try group.publish().status == 0, "nothing approved is left to keep back")
        let atom = try String(contentsOfFile: group.atomPath, encoding: .utf8)
        #expect(!atom.contains("0142"))
    }

    @Test func feedKeepsTheNewestEntriesByDayWithoutFooterWhenTurnedOff() throws {
        let group = try PublishFixture.make(settings: [
            ("max_entries = 200", "max_entries = 2"),
            ("time_granularity = \"hour\"", "time_granularity = \"day\""),
            ("resources_footer = true", "resources_footer = false"),
        ])
        let ids = try group.submit([
            ["text": "Oldest post in the group."],
            ["text": "Some days I think everyone would be better off without me."],
            ["text": "Newest post in the group."],
        ])
        try group.approve([ids[0]])
        #expect(try group.publish().status == 0)
        try group.approve([ids[1]])
        #expect(try group.publish().status == 0)
        try group.approve([ids[2]])
        let before = Date()
        #expect(try group.publish().status == 0)
        let after = Date()

        let queue = try group.queue()
        #expect(try ids.allSatisfy { try queue.post(id: $0).state == .published })
        let feeds = try group.parseFeeds()
        let newest = try [ids[2], ids[1]].map { try #require(try queue.post(id: $0).entryID) }
        #expect(feeds.atom.entries.map(\.id) == newest)
        #expect(feeds.json.items.map(\.id) == newest)
        let crisis = try #require(feeds.json.items.first { $0.id == newest[1] })
        #expect(crisis.contentText == "Some days I think everyone would be better off without me.")
        for entry in feeds.atom.entries {
            let date = try #require(PublishFixture.date(entry.published))
            #expect(PublishFixture.isStep(date, of: 86_400, between: before, and: after))
        }
    }

    @Test func aGroupWithNothingApprovedGetsAnEmptyValidFeed() throws {
        let group = try PublishFixture.make()
        _ = try group.submit([["text": "Still waiting for a moderator."]])
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("published 0 post(s)"))
        let feeds = try group.parseFeeds()
        #expect(feeds.atom.entries.isEmpty)
        #expect(feeds.json.items.isEmpty)
    }
}

/// A group in a temporary folder, driven through the `porch` binary; its queue is read with PorchQueue to check
/// states, entry ids and history.
struct PublishFixture {
    let root: URL

    var atomPath: String { root.appendingPathComponent("feed/feed.atom").path }
    var jsonPath: String { root.appendingPathComponent("feed/feed.json").path }
    var queuePath: String { root.appendingPathComponent("data/queue.sqlite").path }

    /// `porch init` in a new folder, then `settings` replacements applied to its porch.toml.
    static func make(name: String = "Night Shift", settings: [(String, String)] = []) throws -> PublishFixture {
        let root = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        let run = try PorchProcess.run(["init", "--dir", root.path, "--group", name])
        guard run.status == 0 else { throw PublishFixtureError(message: "porch init failed: \(run.stderr)") }
        let fixture = PublishFixture(root: root)
        if !settings.isEmpty {
            let path = root.appendingPathComponent("porch.toml").path
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for (old, new) in settings {
                guard text.contains(old) else { throw PublishFixtureError(message: "porch.toml has no \(old)") }
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return fixture
    }

    /// Submits JSON Lines objects; returns their queue ids in order.
    func submit(_ objects: [[String: Any]]) throws -> [Int64] {
        let lines = try objects.map { object in
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let run = try PorchProcess.run(
            ["submit", "--dir", root.path, "--format", "jsonl", "--json"], stdin: lines.joined(separator: "\n") + "\n")
        guard run.status == 0 else { throw PublishFixtureError(message: "porch submit failed: \(run.stderr)") }
        return try run.jsonLines().map { object in
            guard let id = object["id"] as? Int else { throw PublishFixtureError(message: "no id in \(object)") }
            return Int64(id)
        }
    }

    func queue() throws -> Queue { try Queue(path: queuePath) }

    /// `porch approve` on `ids`.
    func approve(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        let run = try PorchProcess.run(
            ["approve", "--dir", root.path, "--as", "test-moderator"] + ids.map { String($0) })
        guard run.status == 0 else { throw PublishFixtureError(message: "porch approve failed: \(run.stderr)") }
    }

    func publish(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> PorchProcess.Outcome {
        try PorchProcess.run(
            ["publish", "--dir", root.path, "--as", "test-publisher"] + arguments, environment: environment)
    }

    /// A `[feed]` string setting as porch.toml holds it.
    func configValue(_ key: String) throws -> String {
        let text = try String(contentsOfFile: root.appendingPathComponent("porch.toml").path, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("\(key) = \"") {
            return String(line.dropFirst(key.count + 4).dropLast())
        }
        throw PublishFixtureError(message: "porch.toml has no \(key)")
    }

    /// Both files as Python reads them: the Atom file with `feedparser` (and a strict XML parser), the JSON Feed
    /// with `json.loads` and its required keys. Throws if either is invalid.
    /// With `allowMissing`, a file not written yet (a first publish killed early) reads as an empty feed.
    func parseFeeds(allowMissing: Bool = false) throws -> ParsedFeeds {
        let output = try PublishFixture.python(
            PublishFixture.parseScript, arguments: [atomPath, jsonPath] + (allowMissing ? ["allow-missing"] : []))
        return try JSONDecoder().decode(ParsedFeeds.self, from: output)
    }

    /// Runs a Python 3 script; its stdout, or an error with its stderr.
    static func python(_ script: String, arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
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
        switch process.terminationStatus {
        case 0: return Data(stdout.utf8)
        case 3: throw PublishFixtureError(message: "feedparser is missing: run scripts/setup.sh --test")
        default: throw PublishFixtureError(message: "the feed check failed: \(stderr)")
        }
    }

    static let parseScript = #"""
        import html, json, re, sys
        import xml.etree.ElementTree as ET
        try:
            import feedparser
        except ImportError:
            sys.exit(3)
        import os
        atom_path, json_path = sys.argv[1], sys.argv[2]
        allow_missing = sys.argv[3:] == ["allow-missing"]
        def absent(path):
            return allow_missing and not os.path.exists(path)
        empty_atom = {"title": "", "id": "", "updated": "", "entries": []}
        empty_json = {"title": "", "items": []}
        if absent(atom_path) and absent(json_path):
            print(json.dumps({"atom": empty_atom, "json": empty_json}))
            sys.exit(0)
        if absent(atom_path):
            sys.exit("the JSON Feed was written before the Atom file")
        ET.parse(atom_path)
        d = feedparser.parse(atom_path)
        if d.bozo:
            sys.exit("feedparser: %r" % (d.bozo_exception,))
        if d.version != "atom10":
            sys.exit("not Atom 1.0: %r" % (d.version,))
        def text_of(fragment):
            fragment = fragment.replace("<hr>", "\n\n").replace("<hr />", "\n\n")
            fragment = re.sub(r"</p>\s*<p>", "\n\n", fragment)
            fragment = re.sub(r"<br\s*/?>", "\n", fragment)
            return html.unescape(re.sub(r"<[^>]*>", "", fragment))
        entries = []
        for e in d.entries:
            content = e.content[0].value
            entries.append({"id": e.id, "title": e.title, "author": e.get("author"),
                            "published": e.published, "updated": e.updated,
                            "content": content, "contentText": text_of(content)})
        if absent(json_path):
            print(json.dumps({"atom": {"title": d.feed.title, "id": d.feed.id, "updated": d.feed.updated,
                                       "entries": entries}, "json": empty_json}))
            sys.exit(0)
        with open(json_path, "rb") as f:
            j = json.loads(f.read().decode("utf-8"))
        for key in ("version", "title", "items"):
            if key not in j:
                sys.exit("JSON Feed without %s" % key)
        if j["version"] != "https://jsonfeed.org/version/1.1":
            sys.exit("JSON Feed version %r" % (j["version"],))
        items = []
        for item in j["items"]:
            for key in ("id", "content_text", "content_html", "date_published", "authors", "title"):
                if key not in item:
                    sys.exit("JSON Feed item without %s" % key)
            items.append({"id": item["id"], "title": item["title"], "contentText": item["content_text"],
                          "contentHTML": item["content_html"], "datePublished": item["date_published"],
                          "author": item["authors"][0]["name"]})
        print(json.dumps({"atom": {"title": d.feed.title, "id": d.feed.id, "updated": d.feed.updated,
                                   "entries": entries},
                          "json": {"title": j["title"], "items": items}}))
        """#

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// Whether `date` is the start of the UTC hour of some moment in `start...end`.
    static func isHourOf(_ date: Date, between start: Date, and end: Date) -> Bool {
        isStep(date, of: 3_600, between: start, and: end)
    }

    static func isStep(_ date: Date, of step: Double, between start: Date, and end: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        let floorStart = (start.timeIntervalSince1970 / step).rounded(.down) * step
        return seconds.truncatingRemainder(dividingBy: step) == 0 && floorStart <= seconds
            && seconds <= end.timeIntervalSince1970
    }

    /// Both feeds as the Python script reports them.
    struct ParsedFeeds: Decodable {
        struct Atom: Decodable {
            struct Entry: Decodable, Equatable {
                let id: String
                let title: String
                let author: String?
                let published: String
                let updated: String
                let content: String
                let contentText: String
            }
            let title: String
            let id: String
            let updated: String
            let entries: [Entry]
        }
        struct Feed: Decodable {
            struct Item: Decodable {
                let id: String
                let title: String
                let contentText: String
                let contentHTML: String
                let datePublished: String
                let author: String
            }
            let title: String
            let items: [Item]
        }
        let atom: Atom
        let json: Feed
    }
}

/// Why a publish test could not set up or read its group.
struct PublishFixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
