import Foundation
import PorchFeed

/// Keeps `porch publish` from writing a feed with fewer posts than the one already published: the sign of a
/// queue that was replaced, restored from an old backup or re-created empty. Posts leave the feed only by
/// scrolling off the end (`max_entries`).
public enum FeedShrinkGuard {
    /// The entry ids of the JSON Feed file at `path`; empty when there is no file or it cannot be read as one.
    public static func publishedIDs(inJSONFeed path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path),
            let feed = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let items = feed["items"] as? [[String: Any]]
        else { return [] }
        return Set(items.compactMap { $0["id"] as? String })
    }

    /// Throws when the feed at `jsonPath` holds an entry the new `entries` lack although they leave room for it.
    public static func check(jsonPath: String, entries: [FeedEntry], maxEntries: Int) throws(PublishError) {
        let existing = publishedIDs(inJSONFeed: jsonPath)
        guard !existing.isEmpty, entries.count < maxEntries else { return }
        let missing = existing.subtracting(entries.map(\.id))
        if !missing.isEmpty { throw .feedWouldShrink(path: jsonPath, missing: missing.count) }
    }
}
