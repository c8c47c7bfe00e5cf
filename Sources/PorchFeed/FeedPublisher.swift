import Foundation

/// Renders both feed formats and replaces each file atomically: what `porch publish` calls.
public enum FeedPublisher {
    /// Writes the Atom file, then the JSON Feed file, each atomically with permissions 0644.
    /// If the second write fails the first file is already new; publishing again brings both in line.
    public static func publish(
        settings: FeedSettings,
        entries: [FeedEntry],
        updated: Date,
        atomPath: String?,
        jsonPath: String?
    ) throws(AtomicFileError) {
        if let atomPath {
            let data = AtomFeed.data(settings: settings, entries: entries, updated: updated)
            try AtomicFile.write(data, to: atomPath, permissions: AtomicFile.publicPermissions)
        }
        if let jsonPath {
            let data = JSONFeed.data(settings: settings, entries: entries)
            try AtomicFile.write(data, to: jsonPath, permissions: AtomicFile.publicPermissions)
        }
    }
}
