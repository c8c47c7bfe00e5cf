import Foundation
import PorchFeed
import Testing

@Suite("Feed settings, entry ids and time coarsening")
struct FeedSettingsTests {
    @Test(arguments: [
        "urn:uuid:6f1c2a4e-8b1d-4c7e-9a55-0d3b2f7e8c11",
        "URN:UUID:6F1C2A4E-8B1D-4C7E-9A55-0D3B2F7E8C11",
        "tag:example.org,2026:porch/new-parents",
        "tag:mods@example.org,2026-11-24:feed",
    ])
    func acceptsStableFeedIds(id: String) throws {
        #expect(try FeedSettings(title: "Group", id: id).id == id)
    }

    @Test(arguments: [
        "", "urn:uuid:", "urn:uuid:not-a-uuid", "https://example.org/feed", "tag:example.org:no-date",
        "tag:example.org,2026:", "tag:,2026:x", "tag:example.org,2026:with space",
    ])
    func refusesOtherFeedIds(id: String) {
        #expect(throws: FeedError.invalidFeedID(id)) { try FeedSettings(title: "Group", id: id) }
    }

    @Test func refusesBadTitlesLimitsLanguagesAndURLs() throws {
        let id = Fixtures.feedID
        #expect(throws: FeedError.emptyFeedTitle) { try FeedSettings(title: " \n\u{0}", id: id) }
        #expect(throws: FeedError.invalidMaxEntries(0)) { try FeedSettings(title: "G", id: id, maxEntries: 0) }
        #expect(throws: FeedError.invalidLanguage("english please")) {
            try FeedSettings(title: "G", id: id, language: "english please")
        }
        #expect(throws: FeedError.invalidLanguage("")) { try FeedSettings(title: "G", id: id, language: "") }
        #expect(throws: FeedError.invalidURL(setting: "home page URL", value: "file:///etc/passwd")) {
            try FeedSettings(title: "G", id: id, homePageURL: URL(string: "file:///etc/passwd"))
        }
        #expect(throws: FeedError.invalidURL(setting: "Atom feed URL", value: "feed.atom")) {
            try FeedSettings(title: "G", id: id, atomFeedURL: URL(string: "feed.atom"))
        }
        #expect(try FeedSettings(title: "G", id: id, language: "pt-BR").language == "pt-BR")
    }

    @Test func errorMessagesSayWhatToDo() {
        #expect(FeedError.invalidFeedID("x").description.contains("porch.toml"))
        #expect(FeedError.invalidMaxEntries(0).description.contains("1 or more"))
        #expect(FeedError.invalidEntryID.description.contains("minted once at approval"))
    }

    @Test func entryIdsMustBeUUIDURNs() throws {
        for id in ["", "42", "tag:example.org,2026:post-42", "urn:uuid:quiet-heron", "Quiet Heron"] {
            #expect(throws: FeedError.invalidEntryID) {
                try FeedEntry(id: id, author: "A", text: "t", published: Fixtures.afternoon)
            }
        }
        let id = FeedID.mint()
        #expect(try FeedEntry(id: id, author: "A", text: "t", published: Fixtures.afternoon).id == id)
    }

    @Test func updatedIsNeverBeforePublished() throws {
        let entry = try FeedEntry(
            id: FeedID.mint(), author: "A", text: "t", published: Fixtures.afternoon,
            updated: Fixtures.afternoon.addingTimeInterval(-600))
        #expect(entry.updated == entry.published)
    }

    @Test(arguments: [
        // (seconds since 1970, granularity, expected seconds since 1970)
        (1_795_546_033.25, FeedTimeGranularity.hour, 1_795_543_200.0),
        (1_795_546_033.25, .day, 1_795_478_400.0),
        (1_795_543_200.0, .hour, 1_795_543_200.0),
        (-1.0, .hour, -3_600.0),
        (-1.0, .day, -86_400.0),
    ])
    func coarseningRoundsDownInUTC(seconds: Double, granularity: FeedTimeGranularity, expected: Double) {
        #expect(granularity.coarsen(Date(timeIntervalSince1970: seconds)).timeIntervalSince1970 == expected)
    }

    @Test func defaultsAreHourlyTwoHundredEntriesInEnglish() throws {
        let settings = try FeedSettings(title: "Group", id: FeedID.mint())
        #expect(settings.timeGranularity == .hour)
        #expect(settings.maxEntries == 200)
        #expect(settings.language == "en")
    }
}
