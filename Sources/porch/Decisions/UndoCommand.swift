import ArgumentParser
import PorchQueue

/// `porch undo ID…` (alias `revert`): take back the last decision on posts that are not yet published.
struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Take back the last decision on posts until they are published.",
        discussion: """
            An approved, rejected, spam or escalated post returns to the state it had before the decision \
            (pending, held or escalated), through the same queue operation as `z` in `porch review`, with the \
            same history entry. The original text purged at the decision stays purged. A published post cannot \
            be taken back.
            """ + " " + DecisionHelp.exitStatus,
        aliases: ["revert"])

    @Argument(help: "The posts' ids.")
    var ids: [PostNumber]

    @OptionGroup var options: DecisionOptions

    func run() throws {
        try options.run(ids) { queue, id, actor, version in
            let post = try queue.revert(id: id, actor: actor, expectedVersion: version)
            return "#\(post.id): last decision taken back by \(actor); it is \(post.state.rawValue) again"
        }
    }
}
