import ArgumentParser
import Foundation
import PorchFeed
import PorchQueue

extension Publish {
    /// The feed settings in porch.toml, or a message naming the file and exit status 2.
    static func settings(of group: Group) throws -> FeedSettings {
        let config = group.config
        do {
            return try FeedSettings(
                title: config.feedTitle, id: config.feedID,
                homePageURL: config.homePage.flatMap { URL(string: $0) },
                atomFeedURL: config.atomURL.flatMap { URL(string: $0) },
                jsonFeedURL: config.jsonURL.flatMap { URL(string: $0) },
                maxEntries: config.maxEntries,
                timeGranularity: FeedTimeGranularity(rawValue: config.timeGranularity) ?? .hour)
        } catch {
            Console.error(PublishError.settings(file: group.configPath, problem: error).description)
            throw ExitStatus.configuration
        }
    }

    /// Removes temporary files and old copies a killed publisher left beside the feed files (`.<name>.tmp-…`,
    /// `.<name>.old-…`).
    ///
    /// Called with the lock held, when no other writer can own them.
    static func removeStaleTemporaryFiles(beside paths: [String]) {
        let fileManager = FileManager.default
        for path in paths {
            let folder = (path as NSString).deletingLastPathComponent
            let prefixes = [".tmp-", ".old-"].map { "." + (path as NSString).lastPathComponent + $0 }
            guard let names = try? fileManager.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
                continue
            }
            for name in names where prefixes.contains(where: { name.hasPrefix($0) }) {
                unlink((folder.isEmpty ? "." : folder) + "/" + name)
            }
        }
    }
}
