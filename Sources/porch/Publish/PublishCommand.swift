import ArgumentParser
import Foundation
import PorchFeed
import PorchPipeline
import PorchQueue

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `porch publish`: screens every approved post once more and writes the group's Atom and JSON Feed files.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
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
        let rotation = group.config.aliasRotation
        let publication = Publication(
            queue: queue, settings: settings, screening: FinalScreening(screener: screener, region: region),
            lockPath: group.dataFolder + "/" + PublishLock.fileName, atomPath: group.atomPath,
            jsonPath: group.jsonPath, resourcesFooter: group.config.resourcesFooter, actor: actor.name, dryRun: dryRun
        ) {
            FeedAlias(
                rotation: rotation, pseudonymizer: rotation == .never ? nil : Pseudonymizer(key: try group.loadKey()))
        }
        let summary: PublishSummary
        do {
            summary = try publication.run { categories in
                ResourcesFooter.text(for: screener.resources(for: region, categories: categories))
            } problem: {
                Console.error($0)
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
}
