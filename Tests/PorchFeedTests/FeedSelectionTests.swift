import Foundation
import PorchFeed
import Testing

@Suite("Which entries a feed holds, in what order, under which ids")
struct FeedSelectionTests {
    @Test func maxEntriesKeepsTheNewestAndDropsTheOldest() throws {
        let settings = try Fixtures.settings(maxEntries: 3)
        let entries = try Fixtures.entries(count: 5)
        let newestFirst = (2...4).reversed().map { String(format: "urn:uuid:00000000-0000-4000-8000-%012d", $0) }

        let atom = try FeedCheck.atom(
            AtomFeed.render(settings: settings, entries: entries, updated: Fixtures.afternoon))
        #expect(atom.reader.entries.map(\.id) == newestFirst)
        let json = try FeedCheck.jsonFeed(JSONFeed.render(settings: settings, entries: entries))
        #expect(json.items.map(\.item.id) == newestFirst)
    }

    @Test func defaultLimitIsTwoHundred() throws {
        let settings = try FeedSettings(title: "Group", id: Fixtures.feedID)
        #expect(settings.maxEntries == 200)
        let entries = try Fixtures.entries(count: 205)
        let json = try FeedCheck.jsonFeed(JSONFeed.render(settings: settings, entries: entries))
        #expect(json.items.count == 200)
        #expect(json.items.last?.item.id == "urn:uuid:00000000-0000-4000-8000-000000000005")
    }

    @Test func idsStayTheSameAcrossRerendersEditsAndNewPosts() throws {
        let settings = try Fixtures.settings()
        let first = try Fixtures.entries(count: 3)
        let before = try FeedCheck.atom(
            AtomFeed.render(settings: settings, entries: first, updated: Fixtures.afternoon))

        // A moderator edits one post's text and title, and a new post is approved.
        var second = try first.map { entry in
            try FeedEntry(
                id: entry.id, title: "Edited", author: entry.author, text: entry.text + " (edited)",
                published: entry.published, updated: entry.published.addingTimeInterval(60))
        }
        second.append(
            try FeedEntry(
                id: FeedID.mint(), author: "Alias new", text: "New post.",
                published: Fixtures.afternoon.addingTimeInterval(86_400)))
        let after = try FeedCheck.atom(
            AtomFeed.render(settings: settings, entries: second, updated: Fixtures.afternoon))

        #expect(after.reader.entries.count == 4)
        #expect(Array(after.reader.entries.dropFirst().map(\.id)) == before.reader.entries.map(\.id))
        #expect(after.reader.id == before.reader.id)
    }

    @Test func renderingIsDeterministicWhateverTheInputOrder() throws {
        let settings = try Fixtures.settings()
        let entries = try Fixtures.entries(count: 8)
        let sameTime = try (0..<4).map { index in
            try FeedEntry(
                id: "urn:uuid:0000000\(index)-0000-4000-8000-00000000abcd", author: "A", text: "t",
                published: Fixtures.afternoon)
        }
        let all = entries + sameTime
        let reference = AtomFeed.render(settings: settings, entries: all, updated: Fixtures.afternoon)
        for _ in 0..<5 {
            #expect(
                AtomFeed.render(settings: settings, entries: all.shuffled(), updated: Fixtures.afternoon) == reference)
            #expect(
                JSONFeed.render(settings: settings, entries: all.shuffled())
                    == JSONFeed.render(settings: settings, entries: all))
        }
    }

    @Test func aRepeatedIdIsPublishedOnceInItsLatestVersion() throws {
        let id = FeedID.mint()
        let first = try FeedEntry(id: id, author: "A", text: "first version", published: Fixtures.afternoon)
        let edited = try FeedEntry(
            id: id, author: "A", text: "edited version", published: Fixtures.afternoon,
            updated: Fixtures.afternoon.addingTimeInterval(7_200))
        let other = try Fixtures.entries(count: 1)
        for entries in [[first, edited] + other, other + [edited, first]] {
            let json = try FeedCheck.jsonFeed(JSONFeed.render(settings: try Fixtures.settings(), entries: entries))
            #expect(json.items.map(\.item.id).filter { $0 == id }.count == 1)
            #expect(json.items.first { $0.item.id == id }?.item.contentText == "edited version")
        }
    }

    @Test func mintedIdsAreUniqueUUIDURNs() {
        let ids = (0..<1_000).map { _ in FeedID.mint() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("urn:uuid:") && FeedID.isUUIDURN($0) })
    }

    @Test func timesAreCoarsenedToTheHourByDefault() throws {
        let entry = try FeedEntry(
            id: FeedID.mint(), author: "Quiet Heron", text: "hello",
            published: Date(timeIntervalSince1970: 1_795_546_799.999),  // 2026-11-24T18:59:59.999Z
            updated: Date(timeIntervalSince1970: 1_795_546_800))  // 2026-11-24T19:00:00Z
        let json = try FeedCheck.jsonFeed(JSONFeed.render(settings: try Fixtures.settings(), entries: [entry]))
        let item = try #require(json.items.first?.item)
        #expect(item.datePublished == "2026-11-24T18:00:00Z")
        #expect(item.dateModified == "2026-11-24T19:00:00Z")
    }
}
