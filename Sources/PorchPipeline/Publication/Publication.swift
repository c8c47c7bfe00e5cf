import Foundation
import PorchFeed
import PorchQueue

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `porch publish`'s pipeline: every approved post screened once more, the feed files replaced atomically, the
/// posts marked published, and what the last screening caught sent back to a moderator.
public struct Publication {
    public let queue: Queue
    public let settings: FeedSettings
    public let screening: FinalScreening
    /// The group's publish lock file: one publisher at a time.
    public let lockPath: String
    public let atomPath: String
    public let jsonPath: String
    /// Whether a flagged post ends with the group's resources (`feed.resources_footer`).
    public let resourcesFooter: Bool
    public let actor: String
    /// Screen and lay out the feed, write nothing.
    public let dryRun: Bool
    /// The aliases the feed shows; made once the lock is held (it may read the group's key).
    public let feedAlias: () throws -> FeedAlias

    public init(
        queue: Queue, settings: FeedSettings, screening: FinalScreening, lockPath: String, atomPath: String,
        jsonPath: String, resourcesFooter: Bool, actor: String, dryRun: Bool,
        feedAlias: @escaping () throws -> FeedAlias
    ) {
        self.queue = queue
        self.settings = settings
        self.screening = screening
        self.lockPath = lockPath
        self.atomPath = atomPath
        self.jsonPath = jsonPath
        self.resourcesFooter = resourcesFooter
        self.actor = actor
        self.dryRun = dryRun
        self.feedAlias = feedAlias
    }

    /// The run itself. The order is what makes it safe to kill at any moment:
    ///
    /// 1. take the publish lock, so two publishers never interleave;
    /// 2. screen every approved post again and lay out the feed from the published posts plus the outgoing ones;
    /// 3. replace the Atom file, then the JSON file, each atomically (a reader sees the old file or the new);
    /// 4. mark the outgoing posts published, in one transaction, with the hash of the text each went out as.
    ///
    /// Killed before 3 finishes, nothing is marked and the files are the old ones (or one old, one new): the next
    /// run writes both again. Killed between 3 and 4, the files hold posts the queue still calls approved: the next
    /// run screens them again and writes them under the same entry ids (minted at approval, stored with the post),
    /// so each appears once in the feed, and `markPublished` marks each once. No post is lost or doubled.
    public func run(
        resources: @escaping ([String]) -> String?, problem: (String) -> Void
    ) throws -> PublishSummary {
        let lock = dryRun ? nil : try PublishLock.acquire(path: lockPath, waitSeconds: 60)
        // The file lock keeps this host's publishers apart; the queue's lock keeps apart the publishers of every host
        // sharing a PostgreSQL queue (an SQLite queue has none: it is one host's).
        let sharedLock: (any PublishingLock)?
        do {
            sharedLock = dryRun ? nil : try queue.publishingLock(waitSeconds: 60)
        } catch QueueError.locked(let path, let waited) {
            throw PublishError.lockBusy(path: path, waitedSeconds: waited)
        }
        defer { withExtendedLifetime((lock, sharedLock)) {} }
        return try publish(resources: resources, problem: problem)
    }

    private func publish(
        resources: @escaping ([String]) -> String?, problem: (String) -> Void
    ) throws -> PublishSummary {
        let now = Date()
        let approved = try queue.approvedForPublishing()
        let published = try queue.publishedPosts(limit: settings.maxEntries)
        let alias = try feedAlias()
        let plan = try PublishPlan.make(
            approved: approved, published: published, screening: screening, settings: settings, at: now,
            alias: alias
        ) { post in
            guard resourcesFooter, post.crisisLevel != .none else { return nil }
            // A level the learned weights raised alone names no category: a keyword guess adds no footer.
            let categories = try queue.post(id: post.id).crisisCategories
            return categories.isEmpty ? nil : resources(categories)
        }
        let summary = PublishSummary(plan: plan, atomPath: atomPath, jsonPath: jsonPath, dryRun: dryRun)
        try FeedShrinkGuard.check(jsonPath: jsonPath, entries: plan.entries, maxEntries: settings.maxEntries)
        if dryRun { return summary }

        Publication.removeStaleTemporaryFiles(beside: [atomPath, jsonPath])
        // All or nothing: both files are written in full before either replaces the old one, and if the queue
        // cannot record the publish both old files are put back, so no post is public that the queue calls
        // approved (and could still be undone or rejected).
        let swap: FeedSwap
        do throws(AtomicFileError) {
            swap = try FeedSwap.stage(
                settings: settings, entries: plan.entries, updated: plan.updated, atomPath: atomPath,
                jsonPath: jsonPath)
            try swap.commit(between: { PublishFault.point(.afterAtom) })
        } catch {
            throw PublishError.feedWrite(error)
        }
        PublishFault.point(.afterFeed)
        do {
            try queue.markPublished(plan.outgoing.map(\.mark), actor: actor, at: now)
        } catch {
            swap.rollBack()
            if let error = error as? QueueError { throw PublishError.mark(error) }
            throw error
        }
        swap.finish()
        // 5. Posts the last screening caught go back to a moderator with its results. Killed before this, they
        //    are still approved and out of the feed, and the next run catches them again.
        for kept in plan.keptBack {
            guard let results = kept.screening else { continue }
            do {
                try queue.sendBack(id: kept.id, screening: results, reason: kept.reason, actor: actor, at: now)
            } catch {
                problem("post \(kept.id) could not be sent back (\(error)); it stays approved and out of the feed")
            }
        }
        return summary
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
