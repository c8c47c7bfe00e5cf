import ArgumentParser
import Foundation
import PorchFeed
import PorchQueue

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `porch publish`: screens every approved post once more and writes the group's Atom and JSON Feed files.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write approved posts to the group's feed files (Atom and JSON Feed), atomically.",
        discussion: """
            Every approved post is screened once more (PII and crisis lanes) on the exact text the feed will \
            carry; a post with a new finding is kept out of the feed and reported with the reason. The feed holds \
            the newest posts (max_entries in porch.toml) with their alias (changed every post or every few days \
            with alias_rotation), scrubbed text and times rounded to the hour or day; a post's first line, when \
            it stands alone (an email's subject), is its title. home_page, atom_url and json_url give readers \
            the group's page and the feeds' own addresses. Both files are replaced atomically, then the posts are marked published. Running \
            it again publishes nothing twice. Exit status 3 when a post was kept back for a moderator.
            """)

    @Flag(help: "Show what would be published and kept back; write nothing.")
    var dryRun = false

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    @OptionGroup var group: GroupOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let group = try group.group()
        let settings = try Publish.settings(of: group)
        let screener = try rules.loadScreener(group: group)
        let queue: Queue
        do {
            queue = try group.openQueue()
        } catch {
            Console.error("\(error)")
            throw ExitStatus.configuration
        }
        let region = group.config.region
        let screening = FinalScreening(screener: screener, region: region)
        let summary: PublishSummary
        do {
            summary = try publish(group: group, queue: queue, settings: settings, screening: screening) { categories in
                ResourcesFooter.text(for: screener.resources(for: region, categories: categories))
            }
        } catch {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        for kept in summary.plan.keptBack {
            let whereItIs =
                dryRun || kept.screening == nil
                ? "It stays approved and out of the feed (it is checked again on every publish)"
                : "It was sent back to the queue for a moderator (porch queue show \(kept.id))"
            Console.error("post \(kept.id) was not published: \(kept.reason). \(whereItIs)")
        }
        Console.out(json ? summary.json() + "\n" : summary.text())
        if !summary.plan.keptBack.isEmpty { throw ExitStatus.held }
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
    func publish(
        group: Group, queue: Queue, settings: FeedSettings, screening: FinalScreening,
        resources: @escaping ([String]) -> String?
    ) throws -> PublishSummary {
        let lock =
            dryRun
            ? nil
            : try PublishLock.acquire(
                path: group.dataFolder + "/" + PublishLock.fileName, waitSeconds: 60)
        defer { withExtendedLifetime(lock) {} }
        let now = Date()
        let approved = try queue.approvedForPublishing()
        let published = try queue.publishedPosts(limit: settings.maxEntries)
        let showFooter = group.config.resourcesFooter
        let rotation = group.config.aliasRotation
        let alias = FeedAlias(
            rotation: rotation, pseudonymizer: rotation == .never ? nil : Pseudonymizer(key: try group.loadKey()))
        let plan = try PublishPlan.make(
            approved: approved, published: published, screening: screening, settings: settings, at: now,
            alias: alias
        ) { post in
            guard showFooter, post.crisisLevel != .none else { return nil }
            // A level the learned weights raised alone names no category: a keyword guess adds no footer.
            let categories = try queue.post(id: post.id).crisisCategories
            return categories.isEmpty ? nil : resources(categories)
        }
        let summary = PublishSummary(plan: plan, atomPath: group.atomPath, jsonPath: group.jsonPath, dryRun: dryRun)
        try FeedShrinkGuard.check(jsonPath: group.jsonPath, entries: plan.entries, maxEntries: settings.maxEntries)
        if dryRun { return summary }

        Publish.removeStaleTemporaryFiles(beside: [group.atomPath, group.jsonPath])
        // All or nothing: both files are written in full before either replaces the old one, and if the queue
        // cannot record the publish both old files are put back, so no post is public that the queue calls
        // approved (and could still be undone or rejected).
        let swap: FeedSwap
        do throws(AtomicFileError) {
            swap = try FeedSwap.stage(
                settings: settings, entries: plan.entries, updated: plan.updated, atomPath: group.atomPath,
                jsonPath: group.jsonPath)
            try swap.commit(between: { PublishFault.point(.afterAtom) })
        } catch {
            throw PublishError.feedWrite(error)
        }
        PublishFault.point(.afterFeed)
        do {
            try queue.markPublished(plan.outgoing.map(\.mark), actor: actor.name, at: now)
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
                try queue.sendBack(id: kept.id, screening: results, reason: kept.reason, actor: actor.name, at: now)
            } catch {
                Console.error(
                    "post \(kept.id) could not be sent back (\(error)); it stays approved and out of the feed")
            }
        }
        return summary
    }
}
