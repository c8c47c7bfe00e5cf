import Foundation
import PorchFeed
import Testing

@Suite("Atom feed read back by a strict XML parser and by feedparser")
struct AtomFeedTests {
    private func renderHostile() throws -> String {
        AtomFeed.render(
            settings: try Fixtures.settings(), entries: [try Fixtures.hostileEntry()],
            updated: Fixtures.afternoon.addingTimeInterval(86_400))
    }

    @Test func hostileContentIsWellFormedAndReadsBackAsText() throws {
        let parsed = try FeedCheck.atom(try renderHostile())
        #expect(parsed.rootName == "feed")
        #expect(parsed.namespace == "http://www.w3.org/2005/Atom")
        #expect(parsed.lang == "en")
        let entry = try #require(parsed.strict.first)
        #expect(entry.contentOnlyText, "content must be one escaped text node, no child elements or CDATA")
        #expect(entry.text == Fixtures.hostileTextPublished + "\n\n" + Fixtures.footerPublished)
        // The post's part holds only paragraphs and breaks; links appear only in the footer (its helplines).
        let rule = entry.tags.firstIndex(of: "hr") ?? entry.tags.endIndex
        #expect(Set(entry.tags[..<rule]).isSubset(of: ["p", "br"]), "markup from the post survived: \(entry.tags)")
        #expect(Set(entry.tags[rule...]).isSubset(of: ["hr", "p", "br", "a"]), "\(entry.tags)")
        #expect(entry.tags.contains("hr"), "the footer follows a rule")
    }

    @Test func feedparserReadsTitlesIdsAuthorsDatesAndContent() throws {
        let reader = try FeedCheck.atom(try renderHostile()).reader
        #expect(!reader.bozo, "feedparser found a problem: \(reader.problem)")
        #expect(reader.version == "atom10")
        #expect(reader.title == "Night Feeds & \"Early\" Mornings")
        #expect(reader.id == Fixtures.feedID)
        let entry = try #require(reader.entries.first)
        #expect(entry.id == "urn:uuid:0b9d4f0e-5d2a-4a7b-8a8e-3f6c1e2d9a77")
        #expect(entry.title == Fixtures.hostileTitlePublished)
        #expect(entry.author == Fixtures.hostileAlias)
        #expect(entry.published == "2026-11-24T18:00:00Z")
        #expect(entry.updated == "2026-11-24T20:00:00Z")
        #expect(entry.contentType == "text/html")
        #expect(entry.text == Fixtures.hostileTextPublished + "\n\n" + Fixtures.footerPublished)
        #expect(!entry.tags.contains("script"))
    }

    @Test func rawDocumentHasNoLiveMarkupCDATAEndOrForbiddenCharacters() throws {
        let xml = try renderHostile()
        #expect(!xml.contains("<script"))
        #expect(!xml.contains("<b>"))
        #expect(!xml.contains("]]>"))
        #expect(!xml.contains("CDATA"))
        let forbidden = xml.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
        #expect(forbidden.isEmpty)
        // Post text is escaped once for HTML and once more for XML.
        #expect(xml.contains("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"))
        #expect(xml.contains("&amp;amp;amp; literally"))
    }

    @Test func entriesCarryOnlyIdTitleAliasTimesAndContent() throws {
        let parsed = try FeedCheck.atom(try renderHostile())
        let entry = try #require(parsed.strict.first)
        #expect(entry.children == ["id", "title", "author", "published", "updated", "content"])
    }

    @Test func feedUpdatedIsCoarseAndNeverBeforeTheNewestEntry() throws {
        let settings = try Fixtures.settings()
        let entry = try Fixtures.hostileEntry()
        let later = try FeedCheck.atom(
            AtomFeed.render(
                settings: settings, entries: [entry], updated: Fixtures.afternoon.addingTimeInterval(86_400)))
        #expect(later.updated == "2026-11-25T18:00:00Z")
        let stale = try FeedCheck.atom(
            AtomFeed.render(
                settings: settings, entries: [entry], updated: Fixtures.afternoon.addingTimeInterval(-86_400)))
        #expect(stale.updated == "2026-11-24T20:00:00Z")
    }

    @Test func dayGranularityShowsMidnightUTC() throws {
        let settings = try Fixtures.settings(granularity: .day)
        let xml = AtomFeed.render(
            settings: settings, entries: [try Fixtures.hostileEntry()], updated: Fixtures.afternoon)
        let entry = try #require(try FeedCheck.atom(xml).reader.entries.first)
        #expect(entry.published == "2026-11-24T00:00:00Z")
        #expect(entry.updated == "2026-11-24T00:00:00Z")
    }

    @Test func emptyFeedIsStillAValidFeed() throws {
        let parsed = try FeedCheck.atom(
            AtomFeed.render(settings: try Fixtures.settings(), entries: [], updated: Fixtures.afternoon))
        #expect(!parsed.reader.bozo, "feedparser found a problem: \(parsed.reader.problem)")
        #expect(parsed.reader.entries.isEmpty)
        #expect(parsed.updated == "2026-11-24T18:00:00Z")
    }

    @Test func untitledPostsGetATitleFromTheirOpeningWords() throws {
        let entry = try FeedEntry(
            id: FeedID.mint(), author: "Quiet Heron",
            text: "Three weeks in and I still cry in the shower every morning while the baby naps <3",
            published: Fixtures.afternoon)
        let parsed = try FeedCheck.atom(
            AtomFeed.render(settings: try Fixtures.settings(), entries: [entry], updated: Fixtures.afternoon))
        let title = try #require(parsed.reader.entries.first?.title)
        #expect(title == "Three weeks in and I still cry in the shower every morning…")
    }
}
