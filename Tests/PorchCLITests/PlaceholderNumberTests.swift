import Foundation
import Testing

/// Placeholder numbers are stable for the life of a post (issue 14, item 6): screening an edited text again never
/// gives a new number a placeholder an earlier number already has.
@Suite struct PlaceholderNumberTests {
    @Test func aNumberAddedInAnEditGetsTheNextPlaceholder() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let id = try fixture.submitIDs([["text": "Ring (312) 555-0142 or (312) 555-0199 after six."]])[0]
        let before = try #require(try fixture.show(id)["text"] as? String)
        #expect(before.contains("[phone 1]") && before.contains("[phone 2]"))
        let editor = try fixture.script("editor", #"printf 'Or my mobile (415) 555-0123.\n' >> "$1""#)
        let edited = try fixture.run(
            ["edit", String(id), "--as", "alice"], environment: ["EDITOR": editor, "VISUAL": ""])
        #expect(edited.status == 0, "\(edited.stderr)")
        let after = try fixture.show(id)
        let text = try #require(after["text"] as? String)
        #expect(text.components(separatedBy: "[phone 1]").count == 2, "one [phone 1] only: \(text)")
        #expect(text.contains("[phone 3]"), "\(text)")
        #expect(!text.contains("555-0123"))
        let placeholders = (after["redactions"] as? [[String: Any]] ?? []).compactMap { $0["placeholder"] as? String }
        #expect(placeholders == ["[phone 3]"])
    }
}
