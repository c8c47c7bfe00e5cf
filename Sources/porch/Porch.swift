import ArgumentParser

/// The `porch` command: each subcommand parses its arguments and wires the modules together.
@main
struct Porch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porch",
        abstract: "Moderation pipeline for anonymous support groups: scrub, flag, queue, review, publish.",
        discussion: """
            Exit status: 0 every post went through; 1 some input was refused (the rest went through); \
            2 the rules or the group's configuration could not be used; 3 a post was held for a moderator \
            because a privacy stage could not finish.
            """,
        subcommands: [
            Init.self, Submit.self, Scrub.self, Scan.self, RulesCommand.self, Publish.self, ReviewCommand.self,
            QueueCommand.self, Approve.self, Reject.self, MarkSpam.self, Escalate.self, Restore.self, Edit.self,
        ]
    )
}
