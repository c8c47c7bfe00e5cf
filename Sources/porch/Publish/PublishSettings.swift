import ArgumentParser
import Foundation
import PorchFeed
import PorchPipeline
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
}
