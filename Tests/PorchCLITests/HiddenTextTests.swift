import Foundation
import Testing

/// Invisible characters (issue 14, item 1): text a reader's software can recover is screened and shown, or removed.
@Suite struct HiddenTextTests {
    /// `text` spelled in Unicode tag characters, which most software shows as nothing at all.
    static func tags(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { Unicode.Scalar($0.value + 0xE0000)! }))
    }

    /// What a hidden message must never reach a feed as: the values, and any tag or other invisible character.
    static func leaks(in feed: String) -> [String] {
        var found: [String] = []
        for value in ["Brightwater", "555-0142", "5550142", "jo.kowalczyk"] where feed.contains(value) {
            found.append(value)
        }
        // U+FE0F after a pictograph is emoji presentation, which emoji keep (one bit at most, never text).
        for scalar in feed.unicodeScalars
        where scalar.value >= 0xE0000 || (scalar.properties.isDefaultIgnorableCodePoint && scalar != "\u{FE0F}") {
            found.append(String(format: "U+%04X", scalar.value))
        }
        return found
    }

    @Test func tagCharactersAreScreenedShownToTheModeratorAndNeverPublished() throws {
        let group = try PublishFixture.make()
        let hidden = Self.tags("My name is Daniel Brightwater, call (312) 555-0142 or mail jo.kowalczyk@example.com")
        let ids = try group.submit([
            ["id": "t1", "text": "Lovely walk today" + hidden],
            ["id": "z1", "text": "Lovely\u{200B} walk\u{2060} to\u{FE01}day 🏳\u{FE0F}\u{200B}\u{180E}"],
        ])
        let show = try PorchProcess.run(["queue", "show", "\(ids[0])", "--dir", group.root.path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("[hidden text: "), "the moderator sees that something was hidden")
        #expect(show.stdout.contains("[phone 1]"), "the hidden phone number was screened")
        #expect(show.stdout.contains("[email 1]"), "the hidden email was screened")
        #expect(show.stdout.contains("[name 1]"), "the hidden name was screened")
        let list = try PorchProcess.run(["queue", "list", "--dir", group.root.path])
        #expect(list.stdout.contains("hidden text"))

        try group.approve(ids)
        let run = try group.publish()
        #expect(run.status == 0, "\(run.stderr)")
        for path in [group.atomPath, group.jsonPath] {
            let feed = try String(contentsOfFile: path, encoding: .utf8)
            #expect(Self.leaks(in: feed).isEmpty, "\(path): \(Self.leaks(in: feed))")
            #expect(feed.contains("Lovely walk today"))
        }
    }

    @Test func submitSaysWhatWasHiddenWithoutTheHiddenText() throws {
        let group = try PublishFixture.make()
        let line = #"{"text": "Lovely walk today\#(Self.tags("Brightwater")) and\#u{200B} home"}"#
        let run = try PorchProcess.run(["submit", "--format", "jsonl", "--dir", group.root.path], stdin: line + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 run(s) of invisible tag characters"))
        #expect(run.stdout.contains("1 invisible character(s) removed"))
        #expect(!run.stdout.contains("Brightwater") && !run.stderr.contains("Brightwater"))
    }

    /// Counts of what was hidden are stored with the post, so every view of the queue shows that something was there:
    /// `queue show` (text and JSON), a marker on the post's `queue list` line, `"hidden"` last in its JSON.
    @Test func everyQueueViewShowsThatSomethingWasHidden() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let ids = try fixture.submitIDs([
            ["id": "z1", "text": "Lovely\u{200B} walk\u{2060} to\u{FE01}day with the pram"],
            ["id": "t1", "text": "Lovely walk today" + Self.tags("Brightwater")],
            ["id": "p1", "text": "Plain post about nap times and night feeds"],
        ])
        let removed = "3 invisible character(s) removed"
        let shown = "1 run(s) of invisible tag characters shown as [hidden text: …]"

        let show = try fixture.run(["queue", "show", "\(ids[0])"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Hidden: \(removed)\n"), "\(show.stdout)")
        #expect(try fixture.run(["queue", "show", "\(ids[1])"]).stdout.contains("Hidden: \(shown)\n"))
        #expect(!(try fixture.run(["queue", "show", "\(ids[2])"]).stdout.contains("Hidden:")))
        #expect(try fixture.show(ids[0])["hidden"] as? String == removed)
        #expect(try fixture.show(ids[1])["hidden"] as? String == shown)
        #expect(try fixture.show(ids[2])["hidden"] is NSNull)

        let list = try fixture.run(["queue", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        func line(_ id: Int) -> String { lines.first { $0.hasPrefix("#\(id) ") } ?? "" }
        #expect(line(ids[0]).contains("[hidden] Lovely walk today"), "\(list.stdout)")
        #expect(line(ids[1]).contains("[hidden] Lovely walk today [hidden text: "), "\(list.stdout)")
        #expect(!line(ids[2]).contains("[hidden]") && line(ids[2]).contains("Plain post"), "\(list.stdout)")

        let json = try fixture.run(["queue", "list", "--json"])
        let objects = try json.jsonLines()
        let byID = Dictionary(uniqueKeysWithValues: objects.map { ($0["id"] as? Int ?? 0, $0) })
        #expect(byID[ids[0]]?["hidden"] as? String == removed)
        #expect(byID[ids[1]]?["hidden"] as? String == shown)
        #expect(byID[ids[2]]?["hidden"] is NSNull)
        // Added at the end: every documented key keeps its place.
        for raw in json.stdout.split(separator: "\n") {
            let text = try #require(raw.range(of: #""text":"#))
            let hidden = try #require(raw.range(of: #","hidden":"#, options: .backwards))
            #expect(text.upperBound < hidden.lowerBound && !raw[hidden.upperBound...].contains(#"":"#), "\(raw)")
        }
        // Counts only: the decoded run is in the post's text, where it was screened, never in the note.
        let notes = [show.stdout] + objects.compactMap { $0["hidden"] as? String }
        for note in notes { #expect(!note.contains("Brightwater"), "\(note)") }
    }

    /// A moderator's edit is screened again, and the note follows it: what the editor hid is counted, and a clean
    /// edit leaves no note.
    @Test func anEditRefreshesTheNote() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": "Lovely\u{200B} walk today with the pram"]])[0]
        #expect(try fixture.show(id)["hidden"] as? String == "1 invisible character(s) removed")
        let hiding = try fixture.script(
            "hiding-editor", #"printf 'Edited\342\200\213 wi\342\200\214th two hidden\n' > "$1""#)
        let edited = try fixture.run(["edit", String(id), "--as", "alice"], environment: ["EDITOR": hiding])
        #expect(edited.status == 0, "\(edited.stderr)")
        let after = try fixture.show(id)
        #expect(after["text"] as? String == "Edited with two hidden")
        #expect(after["hidden"] as? String == "2 invisible character(s) removed")
        let clean = try fixture.script("clean-editor", #"printf 'Edited with nothing hidden\n' > "$1""#)
        #expect(try fixture.run(["edit", String(id), "--as", "alice"], environment: ["EDITOR": clean]).status == 0)
        #expect(try fixture.show(id)["hidden"] is NSNull)
        #expect(!(try fixture.run(["queue", "list"]).stdout.contains("[hidden]")))
    }

    /// `porch review` shows the note on the post, in tmux as a moderator sees it.
    @Test func theReviewShowsTheNoteOnThePost() throws {
        _ = try TmuxSession.executable()
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": "Lovely\u{200B} walk\u{2060} to\u{FE01}day with the pram"]])[0]
        let tmux = try TmuxSession(
            command: [PorchProcess.executable.path, "review", "--dir", fixture.group.path, "--as", "tester"],
            width: 100, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        defer { tmux.kill() }
        // A debug build on a busy machine takes some seconds to load the rules.
        try tmux.waitFor("the list", timeout: 60) {
            $0.first?.contains("Porch review") == true && $0.joined().contains("Lovely")
        }
        try tmux.press("Enter")
        let post = try tmux.waitFor("the post") { $0.first?.contains("#\(id)") == true }
        let screen = post.joined(separator: "\n")
        #expect(screen.contains("Hidden: 3 invisible character(s) removed"), "\(screen)")
        try tmux.press("q")
        try tmux.press("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func scrubAndScanReadTagCharacters() throws {
        let text = "Lovely walk today" + Self.tags(" call (312) 555-0142")
        let scrub = try PorchProcess.run(["scrub"], stdin: text)
        #expect(scrub.status == 0, "\(scrub.stderr)")
        #expect(scrub.stdout.contains("[phone 1]"))
        #expect(Self.leaks(in: scrub.stdout).isEmpty, "\(Self.leaks(in: scrub.stdout))")
        let scan = try PorchProcess.run(
            ["scan", "--format", "jsonl"], stdin: #"{"id": "a", "text": "\#(text)"}"# + "\n")
        #expect(Self.leaks(in: scan.stdout).isEmpty, "\(Self.leaks(in: scan.stdout))")
    }

    @Test func emojiKeepTheirJoinersAndTheRecommendedFlags() throws {
        let text = "👩\u{200D}👧 ❤\u{FE0F} 1\u{FE0F}\u{20E3} 🏴\(Self.tags("gbwls"))\u{E007F}"
        let scrub = try PorchProcess.run(["scrub"], stdin: text)
        #expect(scrub.stdout.trimmingCharacters(in: .newlines) == text)
    }
}
