import Foundation
import Testing

/// A group made with `porch init` in a temporary folder, for the queue, decision, submit and durability tests.
struct DecisionFixture {
    let folder: URL
    let group: URL

    init() throws {
        folder = try PorchProcess.temporaryFolder()
        group = folder.appendingPathComponent("group")
        let made = try PorchProcess.run(["init", "--dir", group.path])
        guard made.status == 0 else { throw DecisionFixtureError.failed("porch init", made.stderr) }
    }

    var dataFolder: URL { group.appendingPathComponent("data") }
    var rulesFolder: String { group.appendingPathComponent("Rules").path }

    /// Runs porch on this group (`--dir` is added last).
    func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:]
    ) throws -> PorchProcess.Outcome {
        try PorchProcess.run(
            arguments + ["--dir", group.path], stdin: stdin, environment: environment, directory: folder)
    }

    /// Submits JSON Lines built from `posts` (each a `text`, and optionally `author`, `id`).
    func submit(_ posts: [[String: Any]], environment: [String: String] = [:]) throws -> PorchProcess.Outcome {
        try run(
            ["submit", "--format", "jsonl", "--json"], stdin: DecisionFixture.jsonl(posts), environment: environment)
    }

    /// Submits and returns the queue ids in input order; fails when a post was not stored.
    func submitIDs(_ posts: [[String: Any]], environment: [String: String] = [:]) throws -> [Int] {
        let outcome = try submit(posts, environment: environment)
        let ids = try outcome.jsonLines().compactMap { $0["id"] as? Int }
        guard outcome.status == 0, ids.count == posts.count else {
            throw DecisionFixtureError.failed("porch submit", outcome.stderr)
        }
        return ids
    }

    static func jsonl(_ posts: [[String: Any]]) throws -> String {
        try posts.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            .joined(separator: "\n") + "\n"
    }

    /// `porch queue list --json` with extra arguments, parsed.
    func list(_ arguments: [String] = []) throws -> [[String: Any]] {
        let outcome = try run(["queue", "list", "--json"] + arguments)
        guard outcome.status == 0 else { throw DecisionFixtureError.failed("porch queue list", outcome.stderr) }
        return try outcome.jsonLines()
    }

    /// `porch queue show ID --json`, parsed.
    func show(_ id: Int) throws -> [String: Any] {
        let outcome = try run(["queue", "show", String(id), "--json"])
        guard outcome.status == 0, let object = try outcome.jsonLines().first else {
            throw DecisionFixtureError.failed("porch queue show", outcome.stderr)
        }
        return object
    }

    /// The bytes of the queue's SQLite files (main file, journal, shared memory), as they lie on disk.
    func queueBytes() throws -> Data {
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: dataFolder.path)
        where name.hasPrefix("queue.sqlite") {
            bytes += try Data(contentsOf: dataFolder.appendingPathComponent(name))
        }
        return bytes
    }

    /// Replaces `old` with `new` in porch.toml.
    func editConfig(replacing old: String, with new: String) throws {
        let path = group.appendingPathComponent("porch.toml")
        let text = try String(contentsOf: path, encoding: .utf8)
        guard text.contains(old) else { throw DecisionFixtureError.failed("editing porch.toml", old) }
        try text.replacingOccurrences(of: old, with: new).write(to: path, atomically: true, encoding: .utf8)
    }

    /// Writes an executable script (mode 0700) into the test's folder and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return path
    }

    /// Adds a PII rule that runs into the match limit on a long run of `q`s not followed by a `z`, so a post can be
    /// held; returns the environment that makes porch use the group's rules. The rule slips past `porch rules
    /// check` (its adversarial inputs have no run of `q`s), as a careless rule might.
    func addSlowRule() throws -> [String: String] {
        let rule = """
            [[rule]]
            id = "pii.test.backtracking"
            description = "A deliberately catastrophic pattern, to hold a post in tests."
            type = "TEST"
            placeholder = "test"
            pattern = '''(?:q|qq)+z'''
            match = ["[[qqz]]"]
            no_match = ["c"]

            """
        try rule.write(toFile: rulesFolder + "/pii/zz-test-backtracking.toml", atomically: true, encoding: .utf8)
        return ["PORCH_RULES": rulesFolder]
    }

    /// Text that the rule added by `addSlowRule` cannot finish on.
    static let slowText = String(repeating: "q", count: 80) + "c. Ring Dana on (312) 555-0148. zoe"

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

enum DecisionFixtureError: Error, CustomStringConvertible {
    case failed(String, String)

    var description: String {
        switch self {
        case .failed(let step, let detail): "\(step) failed: \(detail)"
        }
    }
}

@Suite struct QueueCommandTests {
    private static let crisisText = "I can't keep going. Everyone would be better off without me."
    private static let concernText = "I haven't slept in five days and I feel like I'm not really here."

    @Test func listsUndecidedPostsCrisisFirstThenConcernThenOldest() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let first = try fixture.submitIDs([["text": "First routine post about weaning and purees."]])[0]
        let second = try fixture.submitIDs([["text": "Second routine post about nap schedules."]])[0]
        let crisis = try fixture.submitIDs([["text": Self.crisisText]])[0]
        let decided = try fixture.submitIDs([["text": "A post that will be approved about bath time."]])[0]
        #expect(try fixture.run(["approve", String(decided), "--as", "alice"]).status == 0)

        let listed = try fixture.list()
        #expect(listed.compactMap { $0["id"] as? Int } == [crisis, first, second])
        #expect(listed.first?["crisis"] as? String == "crisis")
        #expect(listed.first?["categories"] as? [String] == ["suicide"])
        #expect(listed.first?["text"] as? String == Self.crisisText)
        #expect(listed.first?["version"] as? Int == 1)

        #expect(try fixture.list(["--state", "approved"]).compactMap { $0["id"] as? Int } == [decided])
        #expect(try fixture.list(["--state", "all"]).count == 4)
        #expect(try fixture.list(["--state", "pending", "--state", "approved"]).count == 4)
        #expect(try fixture.list(["--level", "crisis"]).compactMap { $0["id"] as? Int } == [crisis])
        #expect(try fixture.list(["--level", "none"]).compactMap { $0["id"] as? Int } == [first, second])
        #expect(try fixture.list(["--limit", "2"]).compactMap { $0["id"] as? Int } == [crisis, first])
    }

    @Test func concernComesBetweenCrisisAndRoutinePosts() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let routine = try fixture.submitIDs([["text": "Routine post about sleep sacks and swaddles."]])[0]
        let concern = try fixture.submitIDs([["text": Self.concernText]])[0]
        let crisis = try fixture.submitIDs([["text": Self.crisisText]])[0]
        let listed = try fixture.list()
        #expect(listed.compactMap { $0["id"] as? Int } == [crisis, concern, routine])
        #expect(listed.compactMap { $0["crisis"] as? String } == ["crisis", "concern", "none"])
    }

    @Test func textListingIsOneSafeLinePerPost() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let hostile = "Look \u{1B}]0;owned\u{07} and \u{1B}[2J cleared\u{9B}31m, then a new\nline and \u{202E}reversed"
        let ids = try fixture.submitIDs([
            ["text": hostile, "author": "someone"], ["text": Self.crisisText, "author": "another"],
        ])
        let outcome = try fixture.run(["queue", "list"])
        #expect(outcome.status == 0)
        #expect(outcome.lines.count == 2)
        // No escape, bell, C1 or bidi control reaches the terminal; they are shown as inert symbols.
        for forbidden: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"] {
            #expect(!outcome.stdout.unicodeScalars.contains(forbidden))
        }
        #expect(outcome.stdout.contains("␛"))
        let crisisLine = try #require(outcome.lines.first)
        #expect(crisisLine.hasPrefix("#\(ids[1]) "))
        #expect(crisisLine.contains("pending"))
        #expect(crisisLine.contains("CRISIS suicide"))
        #expect(crisisLine.contains("I can't keep going."))
        let other = outcome.lines[1]
        #expect(other.hasPrefix("#\(ids[0]) "))
        #expect(other.contains("Look"))

        // The JSON listing escapes them too, so it is safe to print and still means the same text.
        let json = try fixture.run(["queue", "list", "--json"])
        for forbidden: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"] {
            #expect(!json.stdout.unicodeScalars.contains(forbidden))
        }
        // The bidi override is an invisible, default-ignorable character: intake removed it (issue 14, item 1).
        let texts = try json.jsonLines().compactMap { $0["text"] as? String }
        #expect(texts.contains(hostile.replacingOccurrences(of: "\u{202E}", with: "")))
    }

    @Test func listingShowsSpamFlagAliasAndAge() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let spam =
            "Great thread mamas!! Check out this resource for more insights: https://deals.example.com/a "
            + "https://deals.example.com/b DM me for an amazing opportunity, work from home and earn fast"
        let ids = try fixture.submitIDs([["text": spam, "author": "promo"]])
        let object = try #require(try fixture.list().first)
        #expect(object["id"] as? Int == ids[0])
        #expect(object["spam"] as? String == "spam")
        #expect((object["spam_score"] as? Double ?? 0) >= 5)
        let alias = try #require(object["alias"] as? String)
        #expect(!alias.isEmpty && alias != "Anonymous")
        let line = try #require(try fixture.run(["queue", "list"]).lines.first)
        #expect(line.contains("  spam  "))
        #expect(line.contains(alias))
        // The age column: seconds (or minutes on a slow machine) since it arrived.
        #expect(line.contains(#/  [0-9]+[sm]  /#))
        let spamMatches = try #require(try fixture.show(ids[0])["spam_matches"] as? [[String: Any]])
        #expect(!spamMatches.isEmpty)
        #expect(spamMatches.allSatisfy { ($0["rule"] as? String)?.hasPrefix("spam.") == true })
    }

    @Test func showExplainsEveryRedactionAndFlagWithoutTheOriginal() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let text = "Please call me on (312) 555-0134 tonight. Everyone would be better off without me."
        let id = try fixture.submitIDs([["text": text, "author": "ana"]])[0]

        let object = try fixture.show(id)
        let scrubbed = try #require(object["text"] as? String)
        #expect(!scrubbed.contains("555-0134"))
        let redactions = try #require(object["redactions"] as? [[String: Any]])
        let phone = try #require(redactions.first { $0["type"] as? String == "PHONE" })
        #expect(phone["number"] as? Int != nil)
        #expect((phone["rule"] as? String)?.hasPrefix("pii.phone") == true)
        let placeholder = try #require(phone["placeholder"] as? String)
        #expect(scrubbed.contains(placeholder))
        let matches = try #require(object["crisis_matches"] as? [[String: Any]])
        #expect(matches.contains { ($0["rule"] as? String)?.hasPrefix("crisis.suicide") == true })
        let resources = try #require(object["resources"] as? [[String: Any]])
        #expect(!resources.isEmpty)
        #expect(resources.allSatisfy { $0["contact"] as? String != nil })
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.first?["action"] as? String == "submitted")
        #expect(history.first?["to"] as? String == "pending")

        let report = try fixture.run(["queue", "show", "#\(id)"])
        #expect(report.status == 0)
        #expect(!report.stdout.contains("555-0134"))
        #expect(report.stdout.contains("Post #\(id) · pending · version 1"))
        #expect(report.stdout.contains("1. \(placeholder) PHONE, rule \(phone["rule"] as? String ?? "")"))
        #expect(report.stdout.contains("Crisis matches:"))
        #expect(report.stdout.contains("crisis.suicide"))
        #expect(report.stdout.contains("Resources:"))
        #expect(report.stdout.contains("History:"))
        #expect(report.stdout.contains("submitted"))
    }

    /// The queue keeps each match placed in the scrubbed text: after a redaction before it is restored, `show`
    /// still quotes the words the rule matched, not the characters that now stand where they stood.
    @Test func showPlacesTheMatchesInTheTextAsItIsAfterARestore() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let text = "Please call me on (312) 555-0134 tonight. Everyone would be better off without me."
        let id = try fixture.submitIDs([["text": text, "author": "ana"]])[0]
        func matchedWords(_ object: [String: Any]) throws -> [String] {
            let scrubbed = Array(try #require(object["text"] as? String).unicodeScalars)
            let matches = try #require(object["crisis_matches"] as? [[String: Any]])
            return try matches.map { match in
                let start = try #require(match["output_start"] as? Int)
                let end = try #require(match["output_end"] as? Int)
                return String(String.UnicodeScalarView(scrubbed[start..<end]))
            }
        }
        let before = try matchedWords(try fixture.show(id))
        #expect(!before.isEmpty)
        let phone = try #require(
            (try fixture.show(id)["redactions"] as? [[String: Any]])?.first { $0["type"] as? String == "PHONE" })
        let number = try #require(phone["number"] as? Int)
        #expect(try fixture.run(["restore", String(id), String(number), "--as", "alice"]).status == 0)
        let after = try fixture.show(id)
        #expect((after["text"] as? String)?.contains("555-0134") == true)
        #expect(try matchedWords(after) == before)
    }

    @Test func showOfAHeldPostHasNoTextAndSaysWhy() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let environment = try fixture.addSlowRule()
        let id = try fixture.submitIDs([["text": DecisionFixture.slowText]], environment: environment)[0]
        let object = try fixture.show(id)
        #expect(object["state"] as? String == "held")
        #expect(object["text"] is NSNull)
        #expect((object["held"] as? String)?.contains("pii.test.backtracking") == true)
        let report = try fixture.run(["queue", "show", String(id)])
        #expect(!report.stdout.contains("555-0148"))
        #expect(!report.stdout.contains("qqqqqqqq"))
        #expect(report.stdout.contains("porch edit \(id)"))
        let line = try #require(try fixture.run(["queue", "list", "--state", "held"]).lines.first)
        #expect(line.contains("held, not scrubbed"))
        #expect(!line.contains("555-0148"))
    }

    @Test func unknownIdsAndBadOptionsAreRefused() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let missing = try fixture.run(["queue", "show", "42"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no post with id 42"))
        #expect(try fixture.run(["queue", "show", "forty-two"]).status == 64)
        #expect(try fixture.run(["queue", "list", "--state", "lost"]).status == 64)
        #expect(try fixture.run(["queue", "list", "--limit", "0"]).status == 64)
        let empty = try fixture.run(["queue", "list"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        let elsewhere = try PorchProcess.run(["queue", "list"], directory: fixture.folder)
        #expect(elsewhere.status == 2)
        #expect(elsewhere.stderr.contains("porch init"))
    }
}
