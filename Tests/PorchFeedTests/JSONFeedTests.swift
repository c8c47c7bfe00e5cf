import Foundation
import PorchFeed
import Testing

@Suite("JSON Feed read back by json.loads")
struct JSONFeedTests {
    private func renderHostile() throws -> String {
        JSONFeed.render(settings: try Fixtures.settings(), entries: [try Fixtures.hostileEntry()])
    }

    @Test func hostileContentLoadsWithEveryRequiredKey() throws {
        let parsed = try FeedCheck.jsonFeed(try renderHostile())
        #expect(parsed.missing.isEmpty, "JSON Feed 1.1 keys missing: \(parsed.missing)")
        #expect(parsed.title == "Night Feeds & \"Early\" Mornings")
        let report = try #require(parsed.items.first)
        let expected = Fixtures.hostileTextPublished + "\n\n" + Fixtures.footerPublished
        #expect(report.item.contentText == expected)
        #expect(report.htmlText == expected)
        // The post's part holds only paragraphs and breaks; links appear only in the footer (its helplines).
        let rule = report.tags.firstIndex(of: "hr") ?? report.tags.endIndex
        #expect(Set(report.tags[..<rule]).isSubset(of: ["p", "br"]), "markup from the post survived: \(report.tags)")
        #expect(Set(report.tags[rule...]).isSubset(of: ["hr", "p", "br", "a"]), "\(report.tags)")
        #expect(report.item.title == Fixtures.hostileTitlePublished)
        #expect(report.item.authors == [.init(name: Fixtures.hostileAlias)])
        #expect(report.item.datePublished == "2026-11-24T18:00:00Z")
        #expect(report.item.dateModified == "2026-11-24T20:00:00Z")
    }

    @Test func feedAndItemsCarryNoSubmitterMetadata() throws {
        let parsed = try FeedCheck.jsonFeed(try renderHostile())
        #expect(parsed.keys == ["description", "feed_url", "home_page_url", "items", "language", "title", "version"])
        let report = try #require(parsed.items.first)
        #expect(
            report.keys == [
                "authors", "content_html", "content_text", "date_modified", "date_published", "id", "title",
            ])
    }

    @Test func rawTextEscapesQuotesBackslashesAndKeepsEmojiIntact() throws {
        let entry = try FeedEntry(
            id: FeedID.mint(), title: "Back\\slash \"quoted\"", author: "Quiet Heron",
            text: "C:\\Users\\me said \"hi\"\u{2028}next 🦔 𝄞", published: Fixtures.afternoon)
        let json = JSONFeed.render(settings: try Fixtures.settings(), entries: [entry])
        #expect(json.contains(#""title": "Back\\slash \"quoted\"""#))
        #expect(json.contains(#"C:\\Users\\me said \"hi\"\u2028next 🦔 𝄞"#))
        let report = try #require(try FeedCheck.jsonFeed(json).items.first)
        #expect(report.item.contentText == "C:\\Users\\me said \"hi\"\u{2028}next 🦔 𝄞")
    }

    @Test func emptyFeedHasAnEmptyItemList() throws {
        let parsed = try FeedCheck.jsonFeed(JSONFeed.render(settings: try Fixtures.settings(), entries: []))
        #expect(parsed.missing.isEmpty)
        #expect(parsed.items.isEmpty)
    }
}
