import ArgumentParser

/// The `porch` command: each subcommand parses its arguments and wires the modules together.
@main
struct Porch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "porch",
        abstract: "Moderation pipeline for anonymous support groups: scrub, flag, queue, review, publish.",
        discussion: """
            Exit status: 0 everything went through; 1 some input was refused or a command failed (each refusal \
            is reported on stderr, and the rest went through); 2 the rules or the group's configuration could \
            not be used; 3 a post was held or kept back because a privacy stage could not finish or found \
            something new (scan, scrub, publish; submit stores held posts and exits 0); 64 the arguments \
            were wrong.
            """,
        subcommands: [
            Init.self, Submit.self, Scrub.self, Scan.self, RulesCommand.self, Publish.self, ReviewCommand.self,
            QueueCommand.self, Approve.self, Reject.self, MarkSpam.self, Escalate.self, Undo.self, Restore.self,
            Edit.self, Learn.self,
        ]
    )
}
