import Foundation
import PorchFeed

/// Feed inputs used across the tests, with what a reader must get back written out by hand.
enum Fixtures {
    static let feedID = "urn:uuid:6f1c2a4e-8b1d-4c7e-9a55-0d3b2f7e8c11"

    /// 2026-11-24T18:47:13.250Z: not on an hour, so coarsening is visible.
    static let afternoon = Date(timeIntervalSince1970: 1_795_546_033.25)

    static func settings(
        maxEntries: Int = FeedSettings.defaultMaxEntries, granularity: FeedTimeGranularity = .hour
    ) throws -> FeedSettings {
        try FeedSettings(
            title: "Night Feeds & \"Early\" Mornings",
            id: feedID,
            subtitle: "A support group for new parents",
            homePageURL: URL(string: "https://example.org/porch/"),
            atomFeedURL: URL(string: "https://example.org/porch/feed.atom?a=1&b=2"),
            jsonFeedURL: URL(string: "https://example.org/porch/feed.json"),
            language: "en",
            maxEntries: maxEntries,
            timeGranularity: granularity
        )
    }

    /// Post text meant to break a careless renderer: markup, a CDATA end, a literal entity, both quotes, C0 and
    /// C1 controls, terminal escapes, CR line ends, blank-line runs, emoji (BMP, non-BMP, ZWJ), RTL text.
    static let hostileText =
        "<script>alert(1)</script>\n"
        + "]]> then &amp; literally &lt;b&gt;\n"
        + "\"double\" and 'single' quotes\n"
        + "NUL[\u{0}] BEL[\u{7}] VT[\u{B}] FF[\u{C}] DEL[\u{7F}] C1[\u{85}] NONCHAR[\u{FFFE}\u{FFFF}]\r\n"
        + "\u{1B}[1;31mred\u{1B}[0m and a lone\u{1B} escape\r"
        + "tab\there\n\n\n\n"
        + "Emoji ☕ 🦔 𝄞 👩‍👧‍👦 \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}\n"
        + "  \n"
        + "שלום עולם and مرحبا بكم\n"

    /// What a reader must see of `hostileText`: controls gone, line ends unified, paragraphs separated once.
    static let hostileTextPublished =
        "<script>alert(1)</script>\n"
        + "]]> then &amp; literally &lt;b&gt;\n"
        + "\"double\" and 'single' quotes\n"
        + "NUL[] BEL[] VT[] FF[] DEL[] C1[] NONCHAR[]\n"
        + "red and a lone escape\n"
        + "tab\there\n\n"
        + "Emoji ☕ 🦔 𝄞 👩‍👧‍👦 \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}\n\n"
        + "שלום עולם and مرحبا بكم"

    static let hostileTitle = "<b>Bold</b> & \"quoted\" 'title' ]]>\u{0}\u{1B}[2J"
    static let hostileTitlePublished = "<b>Bold</b> & \"quoted\" 'title' ]]>"

    static let hostileAlias = "Quiet Heron & \"Co\" <none>"

    static let footer = "In crisis? Call or text 988 (US) <any time>.\nSamaritans: 116 123 (UK & IE)"
    static let footerPublished = "In crisis? Call or text 988 (US) <any time>.\nSamaritans: 116 123 (UK & IE)"

    static func hostileEntry() throws -> FeedEntry {
        try FeedEntry(
            id: "urn:uuid:0b9d4f0e-5d2a-4a7b-8a8e-3f6c1e2d9a77",
            title: hostileTitle,
            author: hostileAlias,
            text: hostileText,
            published: afternoon,
            updated: afternoon.addingTimeInterval(2 * 3_600 + 125),
            footer: footer
        )
    }

    /// `count` plain entries, one hour apart, the newest first in time but given in shuffled order.
    static func entries(count: Int, start: Date = afternoon) throws -> [FeedEntry] {
        try (0..<count).map { index in
            try FeedEntry(
                id: String(format: "urn:uuid:00000000-0000-4000-8000-%012d", index),
                author: "Alias \(index)",
                text: "Post number \(index).",
                published: start.addingTimeInterval(Double(index) * 3_600)
            )
        }.shuffled()
    }
}
