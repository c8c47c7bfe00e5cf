import ArgumentParser
import Foundation
import PorchReview

/// `porch review`: the interactive terminal review of the group's queue.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the group's queue interactively in the terminal.",
        discussion: """
            Crisis posts come first, then concern, then the longest waiting. Enter opens a post, a approves, \
            r rejects with a reason, s marks spam, x escalates, e edits in $EDITOR (the text is screened \
            again), u restores a selected redaction, ? lists every key, q quits. Every decision is written \
            at once, with your name (--as) in the post's history, exactly as `porch approve` and `porch reject` \
            would; z takes your last decision back until the post is published (its original text stays \
            purged). Keys are read from /dev/tty. NO_COLOR turns colour off.

            Exit status: 0 when you quit; 2 when the terminal cannot be used (TERM unset or dumb, no \
            /dev/tty) or the group, its queue or its rules cannot be used. Without a terminal, use \
            `porch queue list`, `porch queue show ID`, `porch approve ID`, `porch reject ID --reason R`.
            """)

    @OptionGroup var group: GroupOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var actor: ActorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            try ReviewApp.checkTerminal(environment: environment)
        } catch {
            Console.error(error.description)
            throw ExitStatus.configuration
        }
        let group = try group.group()
        let screener = try rules.loadScreener(group: group)
        let store: QueueReviewStore
        do {
            store = QueueReviewStore(
                queue: try group.openQueue(), screener: screener, region: group.config.region, actor: actor.name)
        } catch {
            Console.error("\(error)")
            throw ExitStatus.configuration
        }
        do {
            try ReviewApp(store: store, environment: environment).run()
        } catch {
            Console.error(error.description)
            throw ExitStatus.configuration
        }
    }
}
