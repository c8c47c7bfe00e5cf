import Foundation
import PorchModel
import PorchPipeline
import PorchQueue
import PorchReview
import PorchRules
import PorchScreening
import Testing

@testable import porch

/// `porch review`: the queue adapter behind the screen, the refusals without a terminal, and the real program
/// driven in tmux.
@Suite struct ReviewCommandTests {
    // MARK: - Fixtures

    static let ordinaryBread = "Made banana bread with the little one today, she mostly ate the raisins."
    static let hostile = "Tidy room \u{1B}]0;pwned\u{07} at last \u{1B}[2J hooray, the floor is visible."
    static let ordinaryNap = "Finally got a two hour nap this afternoon and feel human again."
    static let crisis =
        "I don't really know why I'm writing this. Everyone would be better off without me. I've been thinking about it a lot tonight."
    static let ordinarySocks = "Any tips for getting socks to stay on a baby? We lose three a day."
    static let phoneThenCrisis = "Call me on (312) 555-0142 tonight. Honestly everyone would be better off without me."

    /// A group in a fresh folder holding `texts`, submitted in one batch; returns its folder and the queue ids.
    private static func group(with texts: [String]) throws -> (folder: URL, ids: [Int64]) {
        let folder = try PorchProcess.temporaryFolder()
        let initRun = try PorchProcess.run(["init", "--dir", folder.path])
        try #require(initRun.status == 0, "porch init failed: \(initRun.stderr)")
        let lines = try texts.enumerated().map { index, text in
            let object: [String: Any] = ["id": "t\(index + 1)", "text": text]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let submit = try PorchProcess.run(
            ["submit", "--dir", folder.path, "--format", "jsonl", "--json", "--as", "intake"],
            stdin: lines.joined(separator: "\n") + "\n")
        try #require(submit.status == 0, "porch submit failed: \(submit.stderr)")
        let ids = try submit.jsonLines().map { Int64(try #require($0["id"] as? Int)) }
        try #require(ids.count == texts.count)
        return (folder, ids)
    }

    /// The adapter over a group's queue, acting as `tester`.
    private static func store(for folder: URL) throws -> (QueueReviewStore, Queue) {
        let group = try Group.locate(dir: folder.path)
        let (rules, _) = try RuleLoader.load(directory: group.rulesFolder)
        let queue = try group.openQueue()
        let store = QueueReviewStore(
            queue: queue, screener: ScreenerLoad(try Screener(rules: rules)), region: group.config.region,
            actor: "tester")
        return (store, queue)
    }

    /// The text a highlight covers.
    private static func covered(_ highlight: Highlight, in item: ReviewItem) -> String {
        let scalars = Array(item.text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[highlight.range]))
    }

    // MARK: - The store

    @Test func loadGivesHighlightsResourcesAndStates() throws {
        let (folder, ids) = try Self.group(with: [Self.ordinaryBread, Self.phoneThenCrisis])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, _) = try Self.store(for: folder)
        let items = try store.load()
        #expect(items.map(\.id).sorted() == ids)
        let bread = try #require(items.first { $0.id == ids[0] })
        #expect(bread.state == .pending)
        #expect(bread.level == .none)
        #expect(bread.highlights.isEmpty)
        #expect(bread.resources.isEmpty)
        #expect(bread.text == Self.ordinaryBread)

        let flagged = try #require(items.first { $0.id == ids[1] })
        #expect(flagged.level == .crisis)
        #expect(flagged.categories.contains("suicide"))
        #expect(!flagged.text.contains("555-0142"))
        let phone = try #require(flagged.highlights.first)
        #expect(phone.kind == .redaction)
        #expect(phone.label == "PHONE")
        #expect(phone.rule.hasPrefix("pii.phone"))
        #expect(Self.covered(phone, in: flagged) == "[phone 1]")
        let match = try #require(flagged.highlights.first { $0.kind == .crisis })
        #expect(match.label == "suicide")
        #expect(Self.covered(match, in: flagged).contains("better off without me"))
        #expect(flagged.resources.contains { $0.name.contains("988") })
        #expect(flagged.resources.allSatisfy { $0.region == "US" })
    }

    @Test func decisionsGoThroughTheQueueWithTheActorInHistory() throws {
        let texts = [Self.ordinaryBread, Self.ordinaryNap, Self.ordinarySocks, Self.crisis]
        let (folder, ids) = try Self.group(with: texts)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, queue) = try Self.store(for: folder)
        let items = Dictionary(uniqueKeysWithValues: try store.load().map { ($0.id, $0) })
        let cases: [(Decision, PostState, HistoryAction)] = [
            (.approve, .approved, .approved), (.reject(reason: "off topic"), .rejected, .rejected),
            (.spam, .spam, .spam), (.escalate, .escalated, .escalated),
        ]
        for (index, (decision, state, action)) in cases.enumerated() {
            let id = ids[index]
            let before = try #require(items[id])
            let after = try #require(try store.decide(decision, item: id, expectedVersion: before.version))
            #expect(after.state == state)
            #expect(after.version > before.version)
            let last = try #require(try queue.history(id: id).last)
            #expect(last.actor == "tester")
            #expect(last.action == action)
        }
        #expect(try queue.post(id: ids[1]).rejectReason == "off topic")
        // What the screen loads next agrees with what the decisions returned.
        let reloaded = Dictionary(uniqueKeysWithValues: try store.load().map { ($0.id, $0.state) })
        #expect(ids.map { reloaded[$0] } == [.approved, .rejected, .spam, .escalated])
    }

    @Test func staleVersionsAndForbiddenDecisionsAreTypedAndQuoteNoText() throws {
        let (folder, ids) = try Self.group(with: [Self.ordinaryNap])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, _) = try Self.store(for: folder)
        let item = try #require(try store.load().first)
        _ = try store.decide(.approve, item: ids[0], expectedVersion: item.version)

        #expect(throws: ReviewStoreError.conflict(id: ids[0], currentState: .approved)) {
            try store.decide(.reject(reason: "late"), item: ids[0], expectedVersion: item.version)
        }
        let current = try #require(try store.load().first { $0.id == ids[0] })
        do {
            _ = try store.decide(.reject(reason: "late"), item: ids[0], expectedVersion: current.version)
            Issue.record("rejecting an approved post was accepted")
        } catch let error as ReviewStoreError {
            guard case .refused(let id, let reason) = error else {
                Issue.record("expected a refusal, got \(error)")
                return
            }
            #expect(id == ids[0])
            #expect(reason.contains("approved"))
            #expect(!error.description.contains("nap"))
        }
        #expect(throws: ReviewStoreError.notFound(id: 9_999)) {
            try store.decide(.approve, item: 9_999, expectedVersion: 1)
        }
    }

    @Test func restoringARedactionKeepsTheCrisisMatchOnItsWords() throws {
        let (folder, ids) = try Self.group(with: [Self.phoneThenCrisis])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, queue) = try Self.store(for: folder)
        let item = try #require(try store.load().first)
        let phone = try #require(item.highlights.firstIndex { $0.kind == .redaction })
        let restored = try #require(
            try store.decide(.restore(highlightIndex: phone), item: ids[0], expectedVersion: item.version))
        #expect(restored.text == Self.phoneThenCrisis)
        #expect(restored.redactionCount == 0)
        // The verdict's output offsets were made for "[phone 1]"; the match must follow the longer number.
        let match = try #require(restored.highlights.first { $0.kind == .crisis })
        #expect(Self.covered(match, in: restored).contains("better off without me"))
        #expect(try queue.history(id: ids[0]).last?.action == .restored)
        #expect(try queue.history(id: ids[0]).last?.actor == "tester")
    }

    @Test func editsAreScreenedAgain() throws {
        let (folder, ids) = try Self.group(with: [Self.ordinarySocks])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, queue) = try Self.store(for: folder)
        let item = try #require(try store.load().first)
        let edited = try #require(
            try store.decide(
                .edit(text: "Socks tips please, text (312) 555-0199."), item: ids[0], expectedVersion: item.version))
        #expect(!edited.text.contains("555-0199"))
        let redaction = try #require(edited.highlights.first { $0.kind == .redaction })
        #expect(redaction.label == "PHONE")
        #expect(Self.covered(redaction, in: edited) == "[phone 1]")
        #expect(edited.state == .pending)
        let last = try #require(try queue.history(id: ids[0]).last)
        #expect(last.action == .edited)
        #expect(last.actor == "tester")

        let crisisEdit = try #require(
            try store.decide(.edit(text: Self.crisis), item: ids[0], expectedVersion: edited.version))
        #expect(crisisEdit.level == .crisis)
        #expect(!crisisEdit.resources.isEmpty)
    }

    @Test func rulesLoadingInTheBackgroundServeHelplinesAtOnceAndEditsWhenReady() throws {
        let (folder, ids) = try Self.group(with: [Self.crisis, Self.ordinarySocks])
        defer { try? FileManager.default.removeItem(at: folder) }
        let group = try Group.locate(dir: folder.path)
        let store = QueueReviewStore(
            queue: try group.openQueue(),
            screener: try ScreenerLoad(directory: group.rulesFolder, keepPlaces: []), region: group.config.region,
            actor: "tester")
        let items = try store.load()
        let crisis = try #require(items.first { $0.id == ids[0] })
        #expect(crisis.level == .crisis)
        #expect(!crisis.resources.isEmpty, "the helplines come from resources.toml before the rules are compiled")
        let socks = try #require(items.first { $0.id == ids[1] })
        let edited = try #require(
            try store.decide(.edit(text: "Socks, text (312) 555-0199."), item: ids[1], expectedVersion: socks.version))
        #expect(!edited.text.contains("555-0199"))
    }

    @Test func rulesRefusedWhileTheReviewIsOpenRefuseTheEditNotTheReview() throws {
        let (folder, ids) = try Self.group(with: [Self.ordinarySocks])
        defer { try? FileManager.default.removeItem(at: folder) }
        let group = try Group.locate(dir: folder.path)
        // A rule file that no longer compiles, beside a resources.toml that still reads.
        let broken = URL(fileURLWithPath: group.rulesFolder).appendingPathComponent("pii/zz-broken.toml")
        try Data("[[rule]]\nid = \"pii.broken\"\npattern = '(unclosed'\n".utf8).write(to: broken)
        let store = QueueReviewStore(
            queue: try group.openQueue(),
            screener: try ScreenerLoad(directory: group.rulesFolder, keepPlaces: []), region: group.config.region,
            actor: "tester")
        let item = try #require(try store.load().first)
        #expect(throws: ReviewStoreError.self) {
            try store.decide(.edit(text: "Socks again."), item: ids[0], expectedVersion: item.version)
        }
        #expect(try group.openQueue().post(id: ids[0]).version == item.version, "a refused edit changes nothing")
    }

    @Test func undoTakesTheLastDecisionBackUntilPublished() throws {
        let (folder, ids) = try Self.group(with: [Self.ordinaryNap])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, _) = try Self.store(for: folder)
        #expect(store.canUndo)
        let item = try #require(try store.load().first)
        let approved = try #require(try store.decide(.approve, item: ids[0], expectedVersion: item.version))
        let undone = try #require(try store.decide(.undo, item: ids[0], expectedVersion: approved.version))
        #expect(undone.state == .pending)
        // A stale undo (someone decided meanwhile) is a conflict, not a silent overwrite.
        #expect(throws: ReviewStoreError.self) {
            try store.decide(.undo, item: ids[0], expectedVersion: approved.version)
        }
        // Nothing left to take back: the post is undecided again.
        #expect(throws: ReviewStoreError.self) {
            try store.decide(.undo, item: ids[0], expectedVersion: undone.version)
        }
    }

    // MARK: - Without a terminal

    @Test func dumbOrMissingTerminalIsRefusedWithTheShellCommands() throws {
        let (folder, _) = try Self.group(with: [Self.ordinaryNap])
        defer { try? FileManager.default.removeItem(at: folder) }
        let dumb = try PorchProcess.run(["review", "--dir", folder.path], environment: ["TERM": "dumb"])
        #expect(dumb.status == 2)
        #expect(dumb.stderr.contains("porch review needs a real terminal (TERM is `dumb`)"))
        #expect(dumb.stderr.contains("porch queue list"))
        #expect(dumb.stdout.isEmpty)

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = nil
        let unset = try Self.runDirectly(
            PorchProcess.executable.path, ["review", "--dir", folder.path], environment: environment)
        #expect(unset.status == 2)
        #expect(unset.stderr.contains("TERM is not set"))
    }

    @Test func noControllingTerminalIsRefused() throws {
        let (folder, _) = try Self.group(with: [Self.ordinaryNap])
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        // setsid starts porch in a new session with no controlling terminal, so /dev/tty cannot be opened.
        let run = try Self.runDirectly(
            "/usr/bin/setsid", ["--wait", PorchProcess.executable.path, "review", "--dir", folder.path],
            environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("/dev/tty"))
    }

    private static func runDirectly(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let collected = OutputCollector(errors.fileHandleForReading)
        process.waitUntilExit()
        return (process.terminationStatus, collected.finish())
    }

    // MARK: - In tmux

    /// The ids of the posts `tmuxTexts` submits, by name.
    private struct TmuxPosts {
        let bread: Int64
        let hostile: Int64
        let nap: Int64
        let crisis: Int64
        let socks: Int64
    }

    private static func tmuxGroup() throws -> (URL, TmuxPosts) {
        let (folder, ids) = try group(with: [ordinaryBread, hostile, ordinaryNap, crisis, ordinarySocks])
        return (folder, TmuxPosts(bread: ids[0], hostile: ids[1], nap: ids[2], crisis: ids[3], socks: ids[4]))
    }

    private static func startReview(folder: URL, noColor: Bool) throws -> TmuxSession {
        var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
        if noColor { environment["NO_COLOR"] = "1" }
        return try TmuxSession(
            command: [PorchProcess.executable.path, "review", "--dir", folder.path, "--as", "tester"], width: 80,
            height: 24, environment: environment)
    }

    /// The list rows (under the header and column titles), without the status and footer lines.
    private static func listRows(_ rows: [String]) -> [String] {
        // Column titles show from 18 rows up.
        Array(rows.dropFirst(rows.count >= 18 ? 2 : 1).dropLast(2)).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    private static func isFrame(_ rows: [String], height: Int) -> Bool {
        rows.count == height && rows[0].contains("Porch review") && rows[height - 1].contains("? help")
    }

    /// The post's state and the actor and action of every history line, as `porch queue show ID --json` prints them.
    private static func stored(
        _ id: Int64, in folder: URL
    ) throws -> (state: String, actors: [String], actions: [String]) {
        let run = try PorchProcess.run(["queue", "show", String(id), "--dir", folder.path, "--json"])
        try #require(run.status == 0, "porch queue show failed: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let history = try #require(object["history"] as? [[String: Any]])
        return (
            try #require(object["state"] as? String), history.compactMap { $0["actor"] as? String },
            history.compactMap { $0["action"] as? String }
        )
    }

    @Test func reviewInTmuxDecidesAndKeepsTheTerminalSafe() throws {
        _ = try TmuxSession.executable()
        let (folder, posts) = try Self.tmuxGroup()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try Self.startReview(folder: folder, noColor: false)
        defer { tmux.kill() }
        let titleBefore = try tmux.display("#{pane_title}")

        // The crisis post is on top of the first frame.
        let first = try tmux.waitFor("the first frame") { Self.isFrame($0, height: 24) && $0[0].contains("5 open") }
        let rows = Self.listRows(first)
        #expect(rows.first?.contains("CRISIS") == true)
        #expect(rows.count == 5)
        #expect(first[0].contains("1 crisis"))

        // Enter opens it behind its content notice, with the group's resources beside it.
        try tmux.press("Enter")
        let opened = try tmux.waitFor("the crisis post") { $0[0].contains("#\(posts.crisis)") }
        #expect(opened.joined().contains("Content notice"))
        #expect(opened.joined().contains("988"))
        try tmux.press("q")
        try tmux.waitFor("the list again") { $0[0].contains("Porch review") }

        // The hostile post renders inert.
        try tmux.press("/")
        try tmux.type("tidy")
        try tmux.press("Enter")
        try tmux.waitFor("the search") { $0[0].contains("/tidy") && Self.listRows($0).count == 1 }
        try tmux.press("Enter")
        let hostile = try tmux.waitFor("the hostile post") { $0[0].contains("#\(posts.hostile)") }
        #expect(hostile.first?.contains("#\(posts.hostile)") == true)
        #expect(hostile.last?.contains("? help") == true)
        #expect(hostile.joined().contains("\u{241B}]0;pwned\u{2407}"))
        #expect(hostile.joined().contains("\u{241B}[2J"))
        #expect(try tmux.display("#{pane_title}") == titleBefore)
        #expect(try tmux.display("#{pane_title}") != "pwned")
        let styled = try tmux.capture(escapes: true)
        #expect(Self.escapesOtherThanStyling(styled).isEmpty)
        try tmux.press("q")
        try tmux.press("Escape")
        try tmux.waitFor("the whole list") { Self.listRows($0).count == 5 && !$0[0].contains("/tidy") }

        // Approve one post.
        try tmux.press("/")
        try tmux.type("banana")
        try tmux.press("Enter")
        try tmux.waitFor("the bread post") { Self.listRows($0).count == 1 }
        try tmux.press("a")
        try tmux.waitFor("the approval") { $0.joined().contains("#\(posts.bread) approved") }
        #expect(try tmux.rows().joined().contains("z undoes it"))
        try tmux.press("Escape")

        // Reject one with a reason.
        try tmux.press("/")
        try tmux.type("nap")
        try tmux.press("Enter")
        try tmux.waitFor("the nap post") { $0[0].contains("/nap") && Self.listRows($0).count == 1 }
        try tmux.press("r")
        try tmux.waitFor("the reason prompt") { $0.joined().contains("Reason for rejecting #\(posts.nap)") }
        try tmux.type("off topic")
        try tmux.press("Enter")
        try tmux.waitFor("the rejection") { $0.joined().contains("#\(posts.nap) rejected") }
        try tmux.press("Escape")
        try tmux.waitFor("the open list") { $0[0].contains("3 open") && Self.listRows($0).count == 3 }

        // A smaller window: the frame is drawn again within it.
        try tmux.resize(width: 60, height: 15)
        let small = try tmux.waitFor("the 60x15 frame") { Self.isFrame($0, height: 15) && $0.count == 15 }
        #expect(small.allSatisfy { Self.columns($0) <= 60 })
        #expect(Self.listRows(small).first?.contains("CRISIS") == true)

        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)

        let bread = try Self.stored(posts.bread, in: folder)
        #expect(bread.state == "approved")
        #expect(bread.actors == ["intake", "tester"])
        #expect(bread.actions == ["submitted", "approved"])
        let nap = try Self.stored(posts.nap, in: folder)
        #expect(nap.state == "rejected")
        #expect(nap.actors == ["intake", "tester"])
        #expect(nap.actions == ["submitted", "rejected"])
        #expect(try Self.stored(posts.crisis, in: folder).state == "pending")
    }

    @Test func reviewInTmuxWithoutColourMarksMatchesWithBrackets() throws {
        _ = try TmuxSession.executable()
        let (folder, posts) = try Self.tmuxGroup()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = try Self.startReview(folder: folder, noColor: true)
        defer { tmux.kill() }

        let first = try tmux.waitFor("the first frame") { Self.isFrame($0, height: 24) && $0[0].contains("5 open") }
        #expect(Self.listRows(first).first?.contains("CRISIS") == true)
        // NO_COLOR: not one escape sequence on the screen, styling included.
        #expect(!(try tmux.capture(escapes: true)).contains("\u{1B}"))

        try tmux.press("Enter")
        try tmux.waitFor("the content notice") { $0.joined().contains("Content notice") }
        try tmux.press("o")
        let post = try tmux.waitFor("the crisis text") { $0.joined().contains("better off") }
        let text = post.joined(separator: "\n")
        // The first highlight (the crisis match) is selected, ⟦…⟧; its words are inside the brackets.
        let open = try #require(text.range(of: "\u{27E6}"))
        let close = try #require(text.range(of: "\u{27E7}"))
        #expect(text[open.upperBound..<close.lowerBound].contains("better off"))
        #expect(!(try tmux.capture(escapes: true)).contains("\u{1B}"))

        try tmux.press("x")
        try tmux.waitFor("the escalation") { $0.joined().contains("#\(posts.crisis) escalated") }
        try tmux.press("z")
        try tmux.waitFor("the undo") { $0.joined().contains("Undone") }
        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)

        let crisis = try Self.stored(posts.crisis, in: folder)
        #expect(crisis.state == "pending")
        #expect(crisis.actors == ["intake", "tester", "tester"])
        #expect(crisis.actions == ["submitted", "escalated", "reverted"])
    }

    @Test func tmuxReallyRunsRawEscapes() throws {
        // The inertness checks above mean something only if tmux obeys these bytes when a program sends them.
        let tmux = try TmuxSession(
            command: ["/bin/sh", "-c", "printf 'before\\033]0;pwned\\007\\033[2Jafter'; sleep 30"], width: 40,
            height: 5, environment: ["TERM": "xterm-256color"])
        defer { tmux.kill() }
        try tmux.waitFor("the output") { $0.joined().contains("after") }
        #expect(try tmux.display("#{pane_title}") == "pwned")
        #expect(!(try tmux.rows()).joined().contains("before"))
    }

    /// Escape sequences in a `capture-pane -e` that are not SGR styling (`ESC [ … m`).
    private static func escapesOtherThanStyling(_ text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\u{1B}" else {
                index += 1
                continue
            }
            var end = index + 1
            var isStyling = end < scalars.count && scalars[end] == "["
            if isStyling {
                end += 1
                while end < scalars.count, "0123456789;:".unicodeScalars.contains(scalars[end]) { end += 1 }
                isStyling = end < scalars.count && scalars[end] == "m"
            }
            if !isStyling {
                found.append(String(String.UnicodeScalarView(scalars[index..<min(index + 6, scalars.count)])))
            }
            index = end + 1
        }
        return found
    }

    /// Terminal columns of a captured row (the UI's text is one column per scalar except wide characters).
    private static func columns(_ row: String) -> Int {
        row.unicodeScalars.reduce(0) { width, scalar in
            width
                + (scalar.properties.isEmojiPresentation || (0x1100...0x115F).contains(scalar.value)
                    || (0x2E80...0xA4CF).contains(scalar.value) || (0xAC00...0xD7A3).contains(scalar.value)
                    || (0xF900...0xFAFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }
}
