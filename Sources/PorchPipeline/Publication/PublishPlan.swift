import Foundation
import PorchFeed
import PorchQueue

/// What one run of `porch publish` does, decided before anything is written: the posts that go out (with the
/// hash of the text each goes out as), the posts kept back and why, and every entry of the new feed.
public struct PublishPlan {
    /// An approved post that goes out in this run.
    public struct Outgoing {
        public let post: ApprovedPost
        public let mark: PublishMark
    }

    /// An approved post the final screening kept out of the feed.
    public struct KeptBack {
        public let id: Int64
        public let reason: String
        /// The results of screening its final text, stored when it is sent back.
        public let screening: Screening?
    }

    public let outgoing: [Outgoing]
    public let keptBack: [KeptBack]
    /// The entries of the feed files: the published posts' and the outgoing ones'.
    public let entries: [FeedEntry]
    /// How many entries the files hold after the feed's limit.
    public let feedEntryCount: Int
    /// The feed's own update time: its newest entry's publication, so an unchanged feed is rewritten unchanged.
    public let updated: Date

    /// Screens every approved post once more and lays out the feed.
    ///
    /// `published` are the posts already in the feed, newest first; `footer` gives the resources footer of a post
    /// (nil for none). Outgoing posts are published at `now`, the time the queue records for them.
    public static func make(
        approved: [ApprovedPost], published: [ApprovedPost], screening: FinalScreening, settings: FeedSettings,
        at now: Date, alias: FeedAlias = FeedAlias(rotation: .never, pseudonymizer: nil),
        footer: (ApprovedPost) throws -> String?
    ) throws -> PublishPlan {
        let session = screening.screener.session()
        var outgoing: [Outgoing] = []
        var keptBack: [KeptBack] = []
        var entries: [FeedEntry] = []
        for post in published {
            entries.append(
                try entry(
                    post, text: PublishableText.of(post.scrubbedText), at: post.publishedAt ?? now, alias: alias,
                    footer: footer))
        }
        for post in approved {
            switch screening.check(post, session: session) {
            case .sendBack(let reason, let results):
                keptBack.append(KeptBack(id: post.id, reason: reason, screening: results))
            case .publish(let text, let hash):
                entries.append(try entry(post, text: text, at: now, alias: alias, footer: footer))
                outgoing.append(Outgoing(post: post, mark: PublishMark(id: post.id, textHash: hash)))
            }
        }
        let distinct = Set(entries.map(\.id)).count
        return PublishPlan(
            outgoing: outgoing, keptBack: keptBack, entries: entries,
            feedEntryCount: min(distinct, settings.maxEntries),
            updated: entries.map(\.published).max() ?? now)
    }

    /// The feed entry of a post: its permanent id, alias, final text and publication time; nothing else.
    private static func entry(
        _ post: ApprovedPost, text: String, at published: Date, alias: FeedAlias,
        footer: (ApprovedPost) throws -> String?
    ) throws -> FeedEntry {
        do {
            return try FeedEntry(
                id: post.entryID, author: alias.of(post), text: text, published: published, footer: try footer(post))
        } catch is FeedError {
            throw PublishError.invalidEntryID(postID: post.id)
        }
    }
}
