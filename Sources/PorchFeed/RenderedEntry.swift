import Foundation

/// An entry ready for either feed format: cleaned strings, HTML and plain content, and formatted coarse times.
struct RenderedEntry: Sendable, Equatable {
    let id: String
    let title: String
    let author: String
    /// Paragraph HTML with every character of post text escaped; only `p`, `br` and `hr` elements.
    let html: String
    /// The same content as plain text: the text's paragraphs, then the footer's after a blank line.
    let text: String
    let published: String
    let updated: String
    /// The coarse update time, for the feed's own `updated`.
    let updatedDate: Date

    init(_ entry: FeedEntry, granularity: FeedTimeGranularity) {
        id = entry.id
        let parts = EntryTitle.split(given: entry.title, text: entry.text)
        title = parts.title
        let alias = FeedText.singleLine(entry.author)
        author = alias.isEmpty ? FeedEntry.anonymousAuthor : alias
        let body = FeedText.paragraphs(parts.body)
        let footer = entry.footer.map(FeedText.paragraphs) ?? []
        html = EntryHTML.render(body: body, footer: footer)
        text = FeedText.plain(body + footer)
        let publishedDate = granularity.coarsen(entry.published)
        updatedDate = granularity.coarsen(entry.updated)
        published = FeedDate.rfc3339(publishedDate)
        updated = FeedDate.rfc3339(updatedDate)
    }

    /// The newest `settings.maxEntries` entries, newest first, rendered.
    ///
    /// Order uses the exact (uncoarsened) publication time, then the id, so equal coarse times keep a stable order.
    /// Entries sharing an id are one entry: only the latest version (by update time, then text) is kept.
    static func select(_ entries: [FeedEntry], settings: FeedSettings) -> [RenderedEntry] {
        var latest: [String: FeedEntry] = [:]
        for entry in entries {
            if let kept = latest[entry.id], !isNewer(entry, than: kept) { continue }
            latest[entry.id] = entry
        }
        return latest.values
            .sorted { lhs, rhs in
                lhs.published != rhs.published ? lhs.published > rhs.published : lhs.id < rhs.id
            }
            .prefix(settings.maxEntries)
            .map { RenderedEntry($0, granularity: settings.timeGranularity) }
    }

    /// A total order on versions of one entry, so the kept version never depends on input order.
    private static func isNewer(_ lhs: FeedEntry, than rhs: FeedEntry) -> Bool {
        if lhs.updated != rhs.updated { return lhs.updated > rhs.updated }
        if lhs.published != rhs.published { return lhs.published > rhs.published }
        let left = [lhs.text, lhs.title ?? "", lhs.author, lhs.footer ?? ""]
        let right = [rhs.text, rhs.title ?? "", rhs.author, rhs.footer ?? ""]
        return left.lexicographicallyPrecedes(right)
    }

    /// The feed's own update time: the given time coarsened, but never before its newest entry's.
    static func feedUpdated(_ updated: Date, entries: [RenderedEntry], granularity: FeedTimeGranularity) -> String {
        let newest = entries.map(\.updatedDate).max() ?? .distantPast
        return FeedDate.rfc3339(max(granularity.coarsen(updated), newest))
    }
}
