import Foundation
import Testing

/// `porch review` in tmux as a moderator's day asks of it: bulk decisions with one confirmation and saved
/// reasons, one undo for a batch, columns that fit 200 and 40 columns, markers for crisis posts out of view,
/// Ctrl-Z and `fg` in a real shell, Ctrl-C with status 130, and a queue larger than one page.
@Suite struct ReviewModeratorDayTests {
    static let crisis = "Everyone would be better off without me. I have been thinking about it a lot tonight."

    /// A group holding one crisis post and `routine` ordinary ones (submitted in this order, so listed so).
    static func group(routine: Int) throws -> (DecisionFixture, crisis: Int, routine: [Int]) {
        let fixture = try DecisionFixture()
        let posts: [[String: Any]] =
            [["text": crisis, "author": "member-0"]]
            + (1...max(routine, 1)).prefix(routine).map {
                ["text": "Routine post number \($0) about naps and bottles.", "author": "member-\($0)"]
            }
        let ids = try fixture.submitIDs(posts)
        return (fixture, ids[0], Array(ids.dropFirst()))
    }

    static func review(_ fixture: DecisionFixture, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession(
            command: [PorchProcess.executable.path, "review", "--dir", fixture.group.path, "--as", "tester"],
            width: width, height: height, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    }

    static func isFrame(_ rows: [String], height: Int) -> Bool {
        rows.count == height && rows[0].contains("Porch review") && rows[height - 1].contains("? help")
    }

    static func states(_ fixture: DecisionFixture, _ ids: [Int]) throws -> [String] {
        try ids.map { try fixture.show($0)["state"] as? String ?? "?" }
    }

    @Test func bulkDecisionsWithOneConfirmationSavedReasonsAndOneUndo() throws {
        _ = try TmuxSession.executable()
        let (fixture, crisis, routine) = try Self.group(routine: 4)
        defer { fixture.remove() }
        let tmux = try Self.review(fixture)
        defer { tmux.kill() }
        try tmux.waitFor("the first frame") { Self.isFrame($0, height: 24) && $0[0].contains("5 open") }

        // Below the crisis post: tag two posts, with space and with t.
        try tmux.press("j")
        try tmux.press("Space")
        try tmux.press("t")
        try tmux.waitFor("two tagged") { $0[0].contains("2 tagged") }
        try tmux.press("a")
        try tmux.waitFor("one confirmation") { $0.joined().contains("Approve 2 tagged posts?") }
        #expect(try Self.states(fixture, routine) == ["pending", "pending", "pending", "pending"])
        try tmux.press("y")
        try tmux.waitFor("the batch") { $0.joined().contains("2 posts approved. z undoes them.") }
        try tmux.waitFor("three open") { $0[0].contains("3 open") }
        #expect(try Self.states(fixture, routine) == ["approved", "approved", "pending", "pending"])

        // z takes the whole batch back, with the same history line as `porch undo`.
        try tmux.press("z")
        try tmux.waitFor("the undo") { $0.joined().contains("took back 2 decisions") && $0[0].contains("5 open") }
        #expect(try Self.states(fixture, routine) == ["pending", "pending", "pending", "pending"])
        let history = try #require(try fixture.show(routine[0])["history"] as? [[String: Any]])
        #expect(history.last?["action"] as? String == "reverted")
        #expect(history.last?["actor"] as? String == "tester")

        // Reject the last two with a saved reason picked by its number.
        try tmux.press("G")
        try tmux.press("t")
        try tmux.press("k")
        try tmux.press("k")
        try tmux.press("t")
        try tmux.waitFor("two tagged again") { $0[0].contains("2 tagged") }
        try tmux.press("r")
        let prompt = try tmux.waitFor("the reason prompt") { $0.joined().contains("Reason for rejecting 2 posts") }
        #expect(prompt[23].contains("Saved reasons:"))
        #expect(prompt[23].contains("1 off topic for this group"))
        try tmux.press("3")
        try tmux.waitFor("the picked reason") { $0[22].contains("duplicate post") }
        try tmux.press("Enter")
        try tmux.waitFor("the rejection") { $0.joined().contains("2 posts rejected") }
        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)

        let rejected = try routine.filter { try fixture.show($0)["state"] as? String == "rejected" }
        #expect(rejected.count == 2)
        for id in rejected {
            #expect(try fixture.show(id)["reject_reason"] as? String == "duplicate post")
        }
        #expect(try fixture.show(crisis)["state"] as? String == "pending")
    }

    @Test func columnsFitTheWidthAndCrisisPostsOutOfViewAreMarked() throws {
        _ = try TmuxSession.executable()
        let (fixture, _, routine) = try Self.group(routine: 30)
        defer { fixture.remove() }
        let alias = try #require(try fixture.show(routine[0])["alias"] as? String)
        let tmux = try Self.review(fixture, width: 200, height: 60)
        defer { tmux.kill() }

        // 200 columns: the whole alias, the flags and the whole first line of each post.
        let wide = try tmux.waitFor("the wide frame") { Self.isFrame($0, height: 60) && $0[0].contains("31 open") }
        let row = try #require(wide.first { $0.contains("Routine post number 1 about naps and bottles.") })
        #expect(row.contains(alias))

        // 40x10: short badges and states, and the first words keep their room.
        try tmux.resize(width: 40, height: 10)
        let narrow = try tmux.waitFor("the narrow frame") { Self.isFrame($0, height: 10) && $0[1].contains("!!") }
        #expect(narrow[1].contains("Everyone w"))
        #expect(narrow[2].contains("pend"))
        #expect(narrow[2].contains("Routine po"))

        // Past the crisis post, a marker says it is above.
        try tmux.press("G")
        let bottom = try tmux.waitFor("the marker") { $0[8].contains("\u{25B2} 1 crisis above") }
        #expect(!bottom[1...7].joined().contains("!!"))

        // A long message at 40 columns is cut between words.
        try tmux.press("g")
        try tmux.press("j")
        try tmux.press("t")
        let tagged = try tmux.waitFor("the tag message") { $0[8].contains("1 tagged") }
        let status = tagged[8].trimmingCharacters(in: .whitespaces)
        let message = "1 tagged: a r s x decide them all, T or Esc untags."
        #expect(status.hasSuffix("\u{2026}"))
        let kept = String(status.dropLast())
        #expect(message.hasPrefix(kept))
        #expect(message.dropFirst(kept.count).first == " ")
        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func ctrlZSuspendsFgRestoresAndCtrlCLeavesWith130() throws {
        _ = try TmuxSession.executable()
        let bash = "/bin/bash"
        try #require(FileManager.default.isExecutableFile(atPath: bash), "bash is needed for job control")
        let (fixture, _, routine) = try Self.group(routine: 2)
        defer { fixture.remove() }
        let tmux = try TmuxSession(
            command: [bash, "--norc", "--noprofile", "-i"], width: 80, height: 24,
            environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PS1": "shell$ "])
        defer { tmux.kill() }
        try tmux.waitFor("the shell") { $0.joined().contains("shell$") }
        try tmux.type("\(PorchProcess.executable.path) review --dir \(fixture.group.path) --as tester")
        try tmux.press("Enter")
        try tmux.waitFor("the first frame") { Self.isFrame($0, height: 24) && $0[0].contains("3 open") }

        // Ctrl-Z: back at the shell, the terminal as it was.
        try tmux.press("C-z")
        try tmux.waitFor("the stopped job") { $0.joined().contains("Stopped") && !$0[0].contains("Porch review") }
        try tmux.type("echo still-here")
        try tmux.press("Enter")
        try tmux.waitFor("a working shell") { $0.contains { $0.hasPrefix("still-here") } }

        // fg: the screen comes back and takes keys again.
        try tmux.type("fg")
        try tmux.press("Enter")
        try tmux.waitFor("the frame again") { Self.isFrame($0, height: 24) && $0[0].contains("3 open") }
        try tmux.press("j")
        try tmux.press("a")
        try tmux.waitFor("an approval") { $0.joined().contains("approved. z undoes it.") }

        // Ctrl-C: leaves at once with status 130.
        try tmux.press("C-c")
        try tmux.waitFor("the shell again") { !$0[0].contains("Porch review") }
        try tmux.type("echo status=$?")
        try tmux.press("Enter")
        try tmux.waitFor("the status") { $0.contains { $0.hasPrefix("status=130") } }
        #expect(try Self.states(fixture, routine).contains("approved"))
    }

    @Test func aQueueLargerThanOnePageOpensAtOnceAndLoadsAsTheCursorMoves() throws {
        _ = try TmuxSession.executable()
        let (fixture, _, routine) = try Self.group(routine: 1_199)
        defer { fixture.remove() }
        let tmux = try Self.review(fixture, width: 120)
        defer { tmux.kill() }
        // The count arrives after the first screen; the list loads further pages as the cursor nears them.
        try tmux.waitFor("the count", timeout: 15) { Self.isFrame($0, height: 24) && $0[0].contains("1200 open") }
        // A page is 100 posts: each G goes to the last one loaded and asks for the next page.
        for _ in 0..<24 {
            try tmux.press("G")
            usleep(100_000)
        }
        let end = try tmux.waitFor("the last post", timeout: 15) { $0[0].contains("1200/1200]") }
        #expect(end.first { $0.hasPrefix("\u{25B8}") }?.contains("Routine post number 1199 ") == true)
        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)
        #expect(routine.count == 1_199)
    }
}
