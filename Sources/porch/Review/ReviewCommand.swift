import ArgumentParser
import Foundation
import PorchPipeline
import PorchReview

/// `porch review`: the interactive terminal review of the group's queue.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the group's queue interactively in the terminal.",
        discussion: """
            Crisis posts come first, then concern, then the longest waiting; a large queue opens at once and \
            loads further posts as you move down. Enter opens a post, a approves, r rejects with a reason (a \
            saved reason from porch.toml by its number or Tab, or typed), s marks spam, x escalates, e edits in \
            $EDITOR (the text is screened again), u restores a selected redaction, ? lists every key, q quits. \
            Space or t tags posts (as in mutt): a, r, s and x then decide every tagged post with one \
            confirmation; T or Esc untags. Every decision is written at once, with your name (--as) in the \
            post's history, exactly as `porch approve` and `porch reject` would; z takes your last decision (or \
            batch) back until the post is published (its original text stays purged), as `porch undo ID` does \
            from the shell. Ctrl-Z suspends (fg comes back); Ctrl-C leaves at once. Keys are read from \
            /dev/tty. NO_COLOR turns colour off.

            Exit status: 0 when you quit; 130 when you leave with Ctrl-C; 2 when the terminal cannot be used (TERM unset or dumb, no \
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
        let directory = rules.directory(group: group)
        let screener: ScreenerLoad
        // Rules that passed before load while the queue is read; any others are judged first, refused or not.
        if RulesVerdict.Digesting(directory).remembered,
            let loading = try? ScreenerLoad(directory: directory, keepPlaces: group.config.keepPlaces)
        {
            screener = loading
        } else {
            screener = ScreenerLoad(try rules.loadScreener(group: group))
        }
        let store: QueueReviewStore
        do {
            store = QueueReviewStore(
                queue: try group.openQueue(), screener: screener, region: group.config.region, actor: actor.name)
        } catch {
            Console.error("\(error)")
            throw ExitStatus.configuration
        }
        let ending: ReviewApp.Ending
        do {
            ending = try ReviewApp(store: store, environment: environment).run(
                savedReasons: group.config.rejectReasons)
        } catch {
            Console.error(error.description)
            throw ExitStatus.configuration
        }
        // Ctrl-C: the status a shell gives a program ended by SIGINT, as mutt and tig leave.
        if ending == .interrupted { throw ExitCode(130) }
    }
}
