import Foundation
import PorchQueue
import PorchReview
import PorchScreening

/// Turns a queued post into what the review screen shows: its scrubbed text, every highlight with the rule that
/// explains it, the held reason, what was hidden in it, the spam score and the group's crisis resources.
struct ReviewItemBuilder {
    let screener: ScreenerLoad
    let region: String
    /// Resources by category list: a queue of thousands of crisis posts asks the rules once per combination.
    private var resourceCache: [[String]: [PorchReview.Resource]] = [:]

    init(screener: ScreenerLoad, region: String) {
        self.screener = screener
        self.region = region
    }

    mutating func item(from post: Post) throws -> ReviewItem {
        guard let state = PorchReview.PostState(rawValue: post.state.rawValue),
            let level = PorchReview.CrisisLevel(rawValue: post.crisisLevel.rawValue)
        else {
            throw QueueError.unusableDatabase(
                path: "the queue", reason: "post \(post.id) has a state or level this porch review does not know")
        }
        return ReviewItem(
            id: post.id, version: post.version, state: state, level: level, categories: post.crisisCategories,
            alias: post.alias, receivedAt: post.receivedAt, text: post.scrubbedText,
            highlights: ReviewHighlights.of(post), heldReason: post.heldReason, spamScore: post.spamScore,
            spamVerdict: post.spamVerdict.rawValue,
            // Only flagged posts are explained: parsing every verdict would slow the first screen of a long queue.
            modelNotes: (post.hiddenNote.map { ["Hidden: " + $0] } ?? [])
                + (post.crisisLevel != .none || post.spamVerdict != .ham
                    ? ModelExplanation.notes(post.verdictJSON) : []),
            resources: level == .none ? [] : resources(for: post.crisisCategories))
    }

    /// The group's resources for a crisis or concern post: those for its categories first, then the general ones.
    private mutating func resources(for categories: [String]) -> [PorchReview.Resource] {
        if let cached = resourceCache[categories] { return cached }
        let found = screener.resources(for: region, categories: categories).map {
            PorchReview.Resource(name: $0.name, contact: $0.contact, region: $0.region)
        }
        resourceCache[categories] = found
        return found
    }
}
