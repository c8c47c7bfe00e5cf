import Foundation
import Testing

@Suite struct DecisionCommandTests {
    private static let routine = "Does anyone else find the 4pm witching hour the hardest part of the day?"

    private func state(_ fixture: DecisionFixture, _ id: Int) throws -> String? {
        try fixture.show(id)["state"] as? String
    }

    private func history(_ fixture: DecisionFixture, _ id: Int) throws -> [[String: Any]] {
        try fixture.show(id)["history"] as? [[String: Any]] ?? []
    }

    @Test func eachDecisionMovesThePostAndRecordsWhoDidIt() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs((1...4).map { ["text": "\(Self.routine) Post number \($0)."] })

        let approved = try fixture.run(["approve", String(ids[0]), "--as", "alice"])
        #expect(approved.status == 0)
        #expect(approved.stdout.contains("#\(ids[0]) approved by alice"))
        let rejected = try fixture.run(["reject", String(ids[1]), "--reason", "off topic", "--as", "bob"])
        #expect(rejected.status == 0)
        #expect(try fixture.run(["spam", "#\(ids[2])", "--as", "carol"]).status == 0)
        #expect(
            try fixture.run(["escalate", String(ids[3]), "--note", "needs a second look", "--as", "dan"]).status == 0)

        #expect(try state(fixture, ids[0]) == "approved")
        #expect(try state(fixture, ids[1]) == "rejected")
        #expect(try state(fixture, ids[2]) == "spam")
        #expect(try state(fixture, ids[3]) == "escalated")

        let rejectShow = try fixture.show(ids[1])
        #expect(rejectShow["decided_by"] as? String == "bob")
        #expect(rejectShow["reject_reason"] as? String == "off topic")
        let lastOf = { (id: Int) throws -> [String: Any] in try #require(try history(fixture, id).last) }
        #expect(try lastOf(ids[0])["actor"] as? String == "alice")
        #expect(try lastOf(ids[0])["action"] as? String == "approved")
        #expect(try lastOf(ids[1])["detail"] as? String == "rejected: off topic; original text purged")
        #expect(try lastOf(ids[2])["actor"] as? String == "carol")
        #expect(try lastOf(ids[3])["detail"] as? String == "escalated for a senior moderator: needs a second look")
        #expect(try lastOf(ids[3])["from"] as? String == "pending")
        #expect(try lastOf(ids[3])["to"] as? String == "escalated")

        // An escalated post can still be decided, and the history keeps every step in order.
        #expect(try fixture.run(["approve", String(ids[3]), "--as", "erin"]).status == 0)
        let steps = try history(fixture, ids[3]).map {
            "\($0["actor"] as? String ?? "")/\($0["action"] as? String ?? "")"
        }
        #expect(steps.count == 3)
        #expect(steps.last == "erin/approved")
        #expect(steps[1] == "dan/escalated")

        // The text listing of the history names who did what.
        let report = try fixture.run(["queue", "show", String(ids[3])]).stdout
        #expect(report.contains("dan  escalated  pending → escalated"))
        #expect(report.contains("erin  approved  escalated → approved"))
    }

    @Test func refusedTransitionsChangeNothingAndExitOne() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let environment = try fixture.addSlowRule()
        let held = try fixture.submitIDs([["text": DecisionFixture.slowText]], environment: environment)[0]
        let post = try fixture.submitIDs([["text": Self.routine]])[0]

        let approveHeld = try fixture.run(["approve", String(held), "--as", "alice"])
        #expect(approveHeld.status == 1)
        #expect(approveHeld.stderr.contains("cannot approve post \(held): it is held"))
        #expect(try state(fixture, held) == "held")
        let escalateHeld = try fixture.run(["escalate", String(held)])
        #expect(escalateHeld.status == 1)

        #expect(try fixture.run(["approve", String(post), "--as", "alice"]).status == 0)
        let twice = try fixture.run(["reject", String(post), "--reason", "changed my mind", "--as", "bob"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already approved by alice"))
        #expect(twice.stdout.isEmpty)
        #expect(try state(fixture, post) == "approved")
        let again = try fixture.run(["approve", String(post), "--as", "bob"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("never decided twice"))
        #expect(try history(fixture, post).count == 2)

        // A held post can be rejected: a human looked at it.
        #expect(try fixture.run(["reject", String(held), "--reason", "unreadable", "--as", "alice"]).status == 0)
        #expect(try state(fixture, held) == "rejected")

        let noReason = try fixture.run(["reject", String(post)])
        #expect(noReason.status == 64)
        #expect(try fixture.run(["approve", "12345"]).stderr.contains("no post with id 12345"))
    }

    @Test func severalIdsAreDecidedOneByOne() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs((1...3).map { ["text": "\(Self.routine) Number \($0)."] })
        #expect(try fixture.run(["approve", String(ids[1]), "--as", "alice"]).status == 0)

        let outcome = try fixture.run(["spam", String(ids[0]), String(ids[1]), "999", String(ids[2]), "--as", "bob"])
        #expect(outcome.status == 1)
        #expect(outcome.lines.count == 2)
        #expect(outcome.stdout.contains("#\(ids[0]) marked as spam by bob"))
        #expect(outcome.stdout.contains("#\(ids[2]) marked as spam by bob"))
        #expect(outcome.stderr.contains("post \(ids[1])"))
        #expect(outcome.stderr.contains("no post with id 999"))
        #expect(outcome.stderr.contains("2 of 4 posts were not changed"))
        #expect(try state(fixture, ids[0]) == "spam")
        #expect(try state(fixture, ids[1]) == "approved")
        #expect(try state(fixture, ids[2]) == "spam")
    }

    @Test func aStaleVersionIsAConflictNamingWhoChangedIt() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": Self.routine]])[0]
        let version = try #require(try fixture.list().first?["version"] as? Int)
        #expect(
            try fixture.run(["escalate", String(id), "--as", "alice", "--expect-version", String(version)]).status == 0)

        let stale = try fixture.run(["approve", String(id), "--as", "bob", "--expect-version", String(version)])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("changed by alice (escalated)"))
        #expect(stale.stderr.contains("it is now escalated"))
        #expect(try state(fixture, id) == "escalated")

        let current = try #require(try fixture.show(id)["version"] as? Int)
        #expect(current == version + 1)
        #expect(
            try fixture.run(["approve", String(id), "--as", "bob", "--expect-version", String(current)]).status == 0)
    }

    @Test func twoModeratorsRacingForOnePostOneWins() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs((1...6).map { ["text": "\(Self.routine) Race \($0)."] })
        for id in ids {
            // Both read version 1 and decide at the same moment, in two processes.
            let racers = [
                try RacingPorch(fixture, ["approve", String(id), "--as", "alice", "--expect-version", "1"]),
                try RacingPorch(
                    fixture, ["reject", String(id), "--reason", "dup", "--as", "bob", "--expect-version", "1"]),
            ]
            let results = racers.map { $0.finish() }
            #expect(results.filter { $0.status == 0 }.count == 1)
            let loser = try #require(results.first { $0.status != 0 })
            #expect(loser.status == 1)
            #expect(loser.stderr.contains("was changed by"))
            let winner = results[0].status == 0 ? "alice" : "bob"
            #expect(loser.stderr.contains("changed by \(winner)"))
            let shown = try fixture.show(id)
            #expect(shown["decided_by"] as? String == winner)
            #expect(shown["state"] as? String == (winner == "alice" ? "approved" : "rejected"))
            #expect((shown["history"] as? [Any])?.count == 2)
        }
    }

    @Test func decidingPurgesTheOriginalIdentifyingTextFromTheDatabaseFiles() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let phone = "(312) 555-0134"
        let email = "dana.whitfield@example.com"
        let ids = try fixture.submitIDs([
            ["text": "Approve me: call \(phone) or write to \(email) about the night feeds.", "author": "dana"],
            ["text": "Reject me: call \(phone) or write to \(email) about the nap schedule.", "author": "dana"],
        ])
        let before = try fixture.queueBytes()
        #expect(before.range(of: Data(phone.utf8)) != nil)
        #expect(before.range(of: Data(email.utf8)) != nil)
        // The scrubbed text kept in the queue does not hold them.
        #expect(!(try fixture.show(ids[0])["text"] as? String ?? phone).contains(phone))

        #expect(try fixture.run(["approve", String(ids[0]), "--as", "alice"]).status == 0)
        let middle = try fixture.queueBytes()
        #expect(middle.range(of: Data("Approve me: call \(phone)".utf8)) == nil)
        #expect(middle.range(of: Data("Reject me: call \(phone)".utf8)) != nil)

        #expect(try fixture.run(["reject", String(ids[1]), "--reason", "duplicate", "--as", "alice"]).status == 0)
        let after = try fixture.queueBytes()
        #expect(after.range(of: Data(phone.utf8)) == nil)
        #expect(after.range(of: Data(email.utf8)) == nil)
        #expect(after.range(of: Data("whitfield".utf8)) == nil)
    }

    @Test func restorePutsBackOneNumberedRedaction() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let text = "My number is (312) 555-0134 and my email is dana.whitfield@example.com, message any time."
        let id = try fixture.submitIDs([["text": text]])[0]
        let redactions = try #require(try fixture.show(id)["redactions"] as? [[String: Any]])
        #expect(redactions.count >= 2)
        let phoneNumber = try #require(redactions.first { $0["type"] as? String == "PHONE" }?["number"] as? Int)

        let restored = try fixture.run(["restore", String(id), String(phoneNumber), "--as", "alice"])
        #expect(restored.status == 0)
        #expect(restored.stdout.contains("redaction \(phoneNumber) restored by alice"))
        #expect(!restored.stdout.contains("555-0134"))
        let after = try fixture.show(id)
        #expect((after["text"] as? String)?.contains("(312) 555-0134") == true)
        #expect((after["text"] as? String)?.contains("dana.whitfield") == false)
        #expect((after["redactions"] as? [Any])?.count == redactions.count - 1)
        let last = try #require((after["history"] as? [[String: Any]])?.last)
        #expect(last["action"] as? String == "restored")
        #expect(last["actor"] as? String == "alice")
        #expect(!(last["detail"] as? String ?? "").contains("555"))

        let missing = try fixture.run(["restore", String(id), "9"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no redaction number 9"))
        #expect(try fixture.run(["restore", String(id), "0"]).status == 64)
        #expect(try fixture.run(["approve", String(id)]).status == 0)
        let decided = try fixture.run(["restore", String(id), "1"])
        #expect(decided.status == 1)
        #expect(decided.stderr.contains("purged"))
    }

    // MARK: - edit

    /// An editor script: records how it was called and the file it saw, then runs `change` on the file.
    private func editor(_ fixture: DecisionFixture, _ change: String) throws -> (path: String, log: URL) {
        let log = fixture.folder.appendingPathComponent("editor-log")
        let path = try fixture.script(
            "editor",
            """
            printf '%s\\n' "$@" > '\(log.path)'
            stat -c '%a' "$(dirname "$1")" "$1" >> '\(log.path)'
            cp "$1" '\(log.path).seen'
            \(change)
            """)
        return (path, log)
    }

    @Test func editRescreensTheTextAndReportsNewFindings() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": "Long day with the twins. Any tips for tandem feeding?"]])[0]
        let (path, log) = try editor(
            fixture,
            #"printf 'New line: ring me on (312) 555-0199. I want to kill myself.\n#porch: this line goes\n' >> "$1""#)

        let outcome = try fixture.run(
            ["edit", String(id), "--as", "alice"], environment: ["EDITOR": path, "VISUAL": ""])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("#\(id) edited by alice and screened again: now pending"))
        #expect(outcome.stdout.contains("PHONE"))
        #expect(outcome.stdout.contains("NEWLY FLAGGED"))
        #expect(!outcome.stdout.contains("555-0199"))

        // The editor got the file's path as its only argument, private, and the file is gone afterwards.
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let file = lines[0]
        #expect(file.hasSuffix("/post.txt"))
        #expect(lines[1] == "700")
        #expect(lines[2] == "600")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: (file as NSString).deletingLastPathComponent))
        let seen = try String(contentsOf: URL(fileURLWithPath: log.path + ".seen"), encoding: .utf8)
        #expect(seen.contains("Long day with the twins."))
        #expect(seen.hasPrefix("#porch:"))

        let shown = try fixture.show(id)
        let text = try #require(shown["text"] as? String)
        #expect(!text.contains("555-0199"))
        #expect(!text.contains("#porch:"))
        #expect(text.hasPrefix("Long day with the twins."))
        #expect(shown["crisis"] as? String == "crisis")
        #expect(shown["categories"] as? [String] == ["suicide"])
        #expect((shown["redactions"] as? [[String: Any]])?.contains { $0["type"] as? String == "PHONE" } == true)
        #expect(!(shown["resources"] as? [Any] ?? []).isEmpty)
        let last = try #require((shown["history"] as? [[String: Any]])?.last)
        #expect(last["action"] as? String == "edited")
        #expect(last["actor"] as? String == "alice")
        // The crisis post now comes first in the queue.
        let other = try fixture.submitIDs([["text": "An older-looking routine post about cloth nappies."]])[0]
        #expect(try fixture.list().compactMap { $0["id"] as? Int } == [id, other])
    }

    @Test func editOfAHeldPostStartsFromTheOriginalWithAWarning() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let environment = try fixture.addSlowRule()
        let id = try fixture.submitIDs([["text": DecisionFixture.slowText]], environment: environment)[0]
        let (path, log) = try editor(fixture, #"printf 'Scrubbed by hand: ring me any evening.\n' > "$1""#)

        var env = environment
        env["EDITOR"] = path
        let outcome = try fixture.run(["edit", String(id), "--as", "alice"], environment: env)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("now pending"))
        let seen = try String(contentsOf: URL(fileURLWithPath: log.path + ".seen"), encoding: .utf8)
        #expect(seen.contains("#porch: Post #\(id) is HELD"))
        #expect(seen.contains("NOT scrubbed automatically"))
        #expect(seen.contains(DecisionFixture.slowText))
        let shown = try fixture.show(id)
        #expect(shown["state"] as? String == "pending")
        #expect(shown["text"] as? String == "Scrubbed by hand: ring me any evening.")
        #expect(shown["held"] is NSNull)
        #expect(try fixture.run(["approve", String(id)]).status == 0)
    }

    @Test func editChangesNothingWhenTheEditorFailsOrNothingChanged() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": Self.routine]])[0]

        let unchanged = try fixture.run(["edit", String(id)], environment: ["EDITOR": "/bin/true"])
        #expect(unchanged.status == 0)
        #expect(unchanged.stdout.contains("no change"))
        #expect(try fixture.show(id)["version"] as? Int == 1)

        let failing = try fixture.script("failing-editor", #"printf 'half-typed' > "$1"; exit 3"#)
        let failed = try fixture.run(["edit", String(id)], environment: ["EDITOR": failing])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("exited with status 3"))
        #expect(try fixture.show(id)["text"] as? String == Self.routine)

        let emptying = try fixture.script("emptying-editor", #": > "$1""#)
        let empty = try fixture.run(["edit", String(id)], environment: ["EDITOR": emptying])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty"))

        let missing = try fixture.run(["edit", String(id)], environment: ["EDITOR": "/nonexistent/editor"])
        #expect(missing.status == 1)
        #expect(try fixture.show(id)["version"] as? Int == 1)

        // A decided post is refused before the editor opens.
        #expect(try fixture.run(["approve", String(id)]).status == 0)
        let marker = fixture.folder.appendingPathComponent("opened")
        let recording = try fixture.script("recording-editor", "touch '\(marker.path)'")
        let decided = try fixture.run(["edit", String(id)], environment: ["EDITOR": recording])
        #expect(decided.status == 1)
        #expect(decided.stderr.contains("cannot edit post \(id): it is approved"))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test func editorCommandIsSplitIntoArgumentsWithoutAShell() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": Self.routine]])[0]
        let log = fixture.folder.appendingPathComponent("args")
        let path = try fixture.script(
            "editor-with-flags", "printf '%s\\n' \"$@\" > '\(log.path)'; printf 'Edited with flags.\\n' > \"$2\"")
        // `;` and `$HOME` would mean something to a shell; here they are plain arguments.
        let outcome = try fixture.run(["edit", String(id)], environment: ["EDITOR": "\(path) --wait;$HOME"])
        #expect(outcome.status == 0)
        #expect(try fixture.show(id)["text"] as? String == "Edited with flags.")
        let arguments = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(arguments.count == 2)
        #expect(arguments[0] == "--wait;$HOME")
        #expect(arguments[1].hasSuffix("/post.txt"))
    }
}

/// A porch process started without waiting, to race another.
private struct RacingPorch {
    let process = Process()
    let output: OutputCollector
    let errors: OutputCollector

    init(_ fixture: DecisionFixture, _ arguments: [String]) throws {
        process.executableURL = PorchProcess.executable
        process.arguments = arguments + ["--dir", fixture.group.path]
        process.currentDirectoryURL = fixture.folder
        let out = Pipe()
        let err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        output = OutputCollector(out.fileHandleForReading)
        errors = OutputCollector(err.fileHandleForReading)
        try process.run()
    }

    func finish() -> PorchProcess.Outcome {
        process.waitUntilExit()
        return PorchProcess.Outcome(status: process.terminationStatus, stdout: output.finish(), stderr: errors.finish())
    }
}
