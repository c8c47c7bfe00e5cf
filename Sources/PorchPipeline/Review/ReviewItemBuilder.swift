import Foundation
import PorchModel
import PorchQueue
import PorchReview
import PorchScreening

/// Turns a queued post into what the review screen shows: its scrubbed text, every highlight with the rule that
/// explains it, the held reason, what was hidden in it, the spam score and the group's crisis resources.
public struct ReviewItemBuilder {
    public let screener: ScreenerLoad
    public let region: String
    /// Resources by category list: a queue of thousands of crisis posts asks the rules once per combination.
    private var resourceCache: [[String]: [Resource]] = [:]

    public init(screener: ScreenerLoad, region: String) {
        self.screener = screener
        self.region = region
    }

    public mutating func item(from post: Post) -> ReviewItem {
        ReviewItem(
            id: post.id, version: post.version, state: post.state, level: post.crisisLevel,
            categories: post.crisisCategories,
            alias: post.alias, receivedAt: post.receivedAt, text: post.scrubbedText,
            highlights: ReviewHighlights.of(post), heldReason: post.heldReason, spamScore: post.spamScore,
            spamVerdict: post.spamVerdict,
            // Only flagged posts are explained: parsing every verdict would slow the first screen of a long queue.
            modelNotes: (post.hiddenNote.map { ["Hidden: " + $0] } ?? [])
                + (post.crisisLevel != .none || post.spamVerdict != .ham
                    ? ModelExplanation.notes(post.verdictJSON) : []),
            resources: post.crisisLevel == .none ? [] : resources(for: post.crisisCategories))
    }

    /// The group's resources for a crisis or concern post: those for its categories first, then the general ones.
    private mutating func resources(for categories: [String]) -> [Resource] {
        if let cached = resourceCache[categories] { return cached }
        let found = screener.resources(for: region, categories: categories)
        resourceCache[categories] = found
        return found
    }
}
