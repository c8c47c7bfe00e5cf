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
